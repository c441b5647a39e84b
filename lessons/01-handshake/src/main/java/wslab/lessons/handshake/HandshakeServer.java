package wslab.lessons.handshake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

/**
 * Lesson 01 starter: a WebSocket server on a bare TCP socket. Its sockets and threads come from
 * the {@link LabEnvironment} it is built with (real ones, or a simulated network when the grader
 * runs it on virtual time); everything above the bytes is yours.
 *
 * <p>It compiles and runs, and answers every request with a 101 that no client will accept.
 * Work through the TODOs, then run {@code ./wslab grade 01}. The lesson README explains each
 * rule; every check names the RFC 6455 section it comes from.
 */
public class HandshakeServer implements LabServer {

    /** The path this lesson's endpoint answers on. */
    public static final String PATH = "/handshake";
    /** What this server speaks, most preferred first. */
    public static final List<String> SUBPROTOCOLS = List.of("wslab.v2", "wslab.v1");

    protected final LabEnvironment env;
    private TcpListener listener;

    public HandshakeServer(LabEnvironment env) {
        this.env = env;
    }

    @Override
    public int start(int port) throws IOException {
        listener = env.listen(port);
        env.startThread("handshake-accept", this::acceptLoop);
        return listener.port();
    }

    private void acceptLoop() {
        while (true) {
            try {
                TcpConnection connection = listener.accept();
                env.startThread("handshake-conn", () -> handle(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(TcpConnection connection) {
        try (connection) {
            InputStream in = connection.input();
            OutputStream out = connection.output();
            Request request = Request.parse(readHead(in));

            String problem = rejectionFor(request);
            if (problem != null) {
                out.write(problem.getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String response = "HTTP/1.1 101 Switching Protocols\r\n"
                    + "Sec-WebSocket-Accept: " + acceptFor(request.header("Sec-WebSocket-Key")) + "\r\n";
            // TODO(01.4): a 101 must also say which protocol it switches to and that the connection upgrades.
            String subprotocol = chooseSubprotocol(request.header("Sec-WebSocket-Protocol"));
            if (subprotocol != null) {
                response += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
            }
            out.write((response + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            afterUpgrade(in, out);
        } catch (IOException e) {
            // The client went away. Nothing to answer.
        }
    }

    /** What the connection does once switched. Given: a small echo. Lesson 02 replaces it with your frame layer. */
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        FrameEcho.run(in, out);
    }

    /**
     * Reads the request head: everything up to and including the blank line.
     *
     * <p>TODO(01.18): one read() returns whatever bytes have arrived so far, not the whole head.
     * TCP is a byte stream; a slow or sliced link delivers the head in pieces.
     */
    static String readHead(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int n = in.read(buffer);
        return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns a complete HTTP error response for a request that must not be upgraded, or
     * {@code null} to go ahead. Shape of an answer:
     * {@code "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"}.
     *
     * <p>TODO(01.5–01.13): check the method, the HTTP version, Host, Upgrade, Connection,
     * the key and the version, as RFC 6455 §4.2.1 lists them: any 4xx refuses (400 is the usual
     * one, and a missing Host must get exactly 400, RFC 9112 §3.2). An unsupported version gets
     * 400 or 426 with Sec-WebSocket-Version naming what this server speaks (§4.4); a 426 also
     * carries Upgrade: websocket, and a 405 carries Allow (RFC 9110 §15.5.22, §15.5.6).
     */
    static String rejectionFor(Request request) {
        return null;
    }

    /**
     * TODO(01.1–01.3): compute Sec-WebSocket-Accept from the client's key (RFC 6455 §4.2.2 item 5.4).
     * Hint: {@link java.security.MessageDigest} and {@link java.util.Base64}.
     */
    static String acceptFor(String key) {
        return key;
    }

    /**
     * TODO(01.14–01.16): pick one protocol the client offered and this server speaks, or none.
     *
     * @param offered the raw Sec-WebSocket-Protocol value, e.g. {@code "foo, wslab.v1"}, or null
     * @return the protocol to answer with, or {@code null} to send no Sec-WebSocket-Protocol
     */
    static String chooseSubprotocol(String offered) {
        return offered;
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }

    /** A parsed request head. Given: you don't need to change it, but read it. */
    record Request(String method, String target, String version, Map<String, String> headers) {

        static Request parse(String head) {
            String[] lines = head.split("\r\n");
            String[] start = lines[0].split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    // Kept exactly as sent. TODO(01.13): are header names case-sensitive?
                    headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
                }
            }
            return new Request(start[0], start.length > 1 ? start[1] : "", start.length > 2 ? start[2] : "", headers);
        }

        /** The value of a header field, or null when absent. */
        String header(String name) {
            return headers.get(name);
        }
    }
}
