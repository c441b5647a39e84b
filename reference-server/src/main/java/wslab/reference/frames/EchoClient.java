package wslab.reference.frames;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.TcpConnection;

/**
 * Lesson 02c's reference: a WebSocket client written from scratch on a TCP connection from the
 * {@link LabEnvironment}. It opens the connection ({@link ClientHandshake}), echoes every message
 * the server sends ({@link ClientEchoSession}), and ends the connection as RFC 6455 asks of a
 * client: it answers the server's close, then leaves the TCP close to the server (§7.1.1) and
 * closes only if the server has not after {@link #SERVER_CLOSE_WAIT}.
 *
 * <p>The protected methods are the decisions the lesson grades, one each, so the project's tests
 * can break them one at a time.
 */
public class EchoClient implements LabClient {

    /** How long the client waits for the server to close TCP after the closing handshake, as Chromium does. */
    public static final Duration SERVER_CLOSE_WAIT = Duration.ofSeconds(2);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** RFC 6455 §7.1.5: the close code when the connection ended without a close frame (or this client failed it). */
    static final int ABNORMAL_CLOSURE = 1006;
    /** RFC 6455 §7.1.5: the close code when the server's close frame carried none. */
    static final int NO_STATUS_RECEIVED = 1005;

    protected final LabEnvironment env;
    private volatile TcpConnection connection;
    private volatile ClientEchoSession session;
    private volatile boolean disposed;

    public EchoClient(LabEnvironment env) {
        this.env = env;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        env.startThread("echo-client " + url, () -> run(url, events));
    }

    private void run(URI url, ClientEvents events) {
        ClientEchoSession s = null;
        try (TcpConnection c = env.connect(url.getHost(), url.getPort() < 0 ? 80 : url.getPort(), CONNECT_TIMEOUT)) {
            connection = c;
            InputStream in = new BufferedInputStream(c.input());
            OutputStream out = new BufferedOutputStream(c.output());
            ClientHandshake.open(in, out, url, env.random());
            s = newSession(in, masking(out));
            session = s;
            s.run();
            awaitServerClose(c, in);
        } catch (IOException | RuntimeException e) {
            // The connection is gone or broken: what is left is to say so.
        } finally {
            if (!disposed) {
                byte[] close = s == null ? null : s.serverClose().orElse(null);
                report(events, close);
            }
        }
    }

    /** The frame layer for one connection. */
    protected ClientEchoSession newSession(InputStream in, MaskingOutputStream out) {
        return new ClientEchoSession(in, out);
    }

    /** Where the client's frames go to be masked on their way out (§5.3). */
    protected MaskingOutputStream masking(OutputStream out) {
        return new MaskingOutputStream(out, env.random());
    }

    /**
     * §5.5.1, §7.1.1: after the closing handshake (or after failing the connection) the server
     * closes TCP first; the client waits for it, discarding anything that still arrives, and
     * closes itself only when the server has not done so in {@link #SERVER_CLOSE_WAIT}.
     */
    protected void awaitServerClose(TcpConnection c, InputStream in) throws IOException {
        long deadline = env.nanoTime() + SERVER_CLOSE_WAIT.toNanos();
        byte[] discard = new byte[8192];
        while (true) {
            long left = deadline - env.nanoTime();
            if (left <= 0) {
                return;
            }
            c.readTimeout(Duration.ofNanos(Math.max(left, 1_000_000)));
            try {
                if (in.read(discard) < 0) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                return;
            }
        }
    }

    /** §7.1.5: the code and reason of the server's close frame, 1005 if it had none, 1006 if there was none. */
    protected void report(ClientEvents events, byte[] serverClose) {
        if (serverClose == null) {
            events.closed(ABNORMAL_CLOSURE, "");
        } else if (serverClose.length < 2) {
            events.closed(NO_STATUS_RECEIVED, "");
        } else {
            int code = ((serverClose[0] & 0xFF) << 8) | (serverClose[1] & 0xFF);
            events.closed(code, new String(Arrays.copyOfRange(serverClose, 2, serverClose.length), StandardCharsets.UTF_8));
        }
    }

    /** Echo clients have no topics: there is nothing to subscribe to. */
    @Override
    public void subscribe(String topic) {
    }

    /** Sends one text message of the application's own; dropped before the connection opens. */
    @Override
    public void send(String text) {
        ClientEchoSession s = session;
        if (s != null) {
            try {
                s.sendText(text);
            } catch (IOException e) {
                // The connection is ending; run() reports how.
            }
        }
    }

    /** Starts the closing handshake with 1000; the connection then ends as any other. */
    @Override
    public void close() {
        ClientEchoSession s = session;
        if (s != null) {
            try {
                s.startClose(1000, "");
            } catch (IOException e) {
                // The connection is ending; run() reports how.
            }
        }
    }

    /** Drops the TCP connection at once; nothing more is reported. */
    @Override
    public void dispose() {
        disposed = true;
        TcpConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** Publishes the client as lesson 02c's reference. */
    public static final class Reference extends ClientRegistration {
        public Reference() {
            super("02c", "reference", EchoClient::new);
        }
    }
}
