package wslab.reference.handshake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

/**
 * Lesson 01's reference: a WebSocket server on a plain TCP socket, no framework, so every byte
 * of the opening handshake is visible. One thread per connection keeps it readable. Sockets and
 * threads come from the {@link LabEnvironment}, so the same code runs on a simulated network.
 */
public class RawHandshakeServer implements LabServer {

    public static final String PATH = "/handshake";
    public static final List<String> SUBPROTOCOLS = List.of("wslab.v2", "wslab.v1");

    /** A client that never finishes its request head must not hold a thread forever. */
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);

    protected final LabEnvironment env;
    private final HandshakeNegotiator negotiator;
    private final Set<TcpConnection> open = ConcurrentHashMap.newKeySet();
    private TcpListener listener;

    public RawHandshakeServer(LabEnvironment env) {
        this(env, new HandshakeNegotiator(PATH, SUBPROTOCOLS));
    }

    public RawHandshakeServer(LabEnvironment env, HandshakeNegotiator negotiator) {
        this.env = env;
        this.negotiator = negotiator;
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
                open.add(connection);
                env.startThread("handshake-conn", () -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(TcpConnection socket) {
        try (socket) {
            socket.readTimeout(HEAD_TIMEOUT);
            InputStream in = new BufferedInputStream(socket.input());
            OutputStream out = new BufferedOutputStream(socket.output());
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
                socket.readTimeout(Duration.ZERO);
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
        if (listener != null) {
            listener.close();
        }
        for (TcpConnection c : open) {
            c.close();
        }
    }
}
