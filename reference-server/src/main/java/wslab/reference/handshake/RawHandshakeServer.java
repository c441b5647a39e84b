package wslab.reference.handshake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import wslab.api.LabServer;

/**
 * Lesson 01's reference: a WebSocket server on a plain {@link ServerSocket}, no framework, so
 * every byte of the opening handshake is visible. One thread per connection keeps it readable.
 */
public class RawHandshakeServer implements LabServer {

    public static final String PATH = "/handshake";
    public static final List<String> SUBPROTOCOLS = List.of("wslab.v2", "wslab.v1");

    /** A client that never finishes its request head must not hold a thread forever. */
    private static final int HEAD_TIMEOUT_MILLIS = 10_000;

    private final HandshakeNegotiator negotiator;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "handshake-conn");
        t.setDaemon(true);
        return t;
    });
    private ServerSocket listener;

    public RawHandshakeServer() {
        this(new HandshakeNegotiator(PATH, SUBPROTOCOLS));
    }

    public RawHandshakeServer(HandshakeNegotiator negotiator) {
        this.negotiator = negotiator;
    }

    @Override
    public int start(int port) throws IOException {
        listener = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            HandshakeResponse response;
            try {
                var head = readHead(in);
                if (head.isEmpty()) {
                    return;
                }
                response = negotiator.answer(head.get());
            } catch (HttpRequestHead.MalformedRequest e) {
                response = HandshakeResponse.badRequest(e.getMessage());
            }
            out.write(response.toBytes());
            out.flush();
            if (response.switches()) {
                socket.setSoTimeout(0);
                afterUpgrade(in, out);
            }
        } catch (SocketException e) {
            // The peer went away; nothing to answer.
        } catch (IOException e) {
            // Timed out or cut mid-request: the connection is simply dropped.
        } finally {
            open.remove(socket);
        }
    }

    /** Reads the request head to its blank line, however the bytes arrive; empty if the client left. */
    protected Optional<HttpRequestHead> readHead(InputStream in) throws IOException {
        return HttpRequestHead.read(in);
    }

    /** What the connection does once switched: lesson 01 only proves the switch with an echo. */
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        EchoAfterUpgrade.run(in, out);
    }

    @Override
    public void close() {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // Already closed.
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
        threads.shutdownNow();
    }
}
