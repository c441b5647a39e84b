package wslab.lessons.security;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.TcpConnection;
import wslab.reference.security.SecureChatServer;

/** Correct servers that differ from the reference where the contract leaves the choice open: the checks must pass them. */
final class SecurityVariants {

    /** As long as Node's ws waits by default for the peer's close frame before it ends TCP. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private SecurityVariants() {
    }

    /**
     * After its close frame, ends TCP only when the client's close frame comes back (RFC 6455
     * §5.5.1), as ws, websockets and Jetty do, instead of at once as the reference does.
     */
    static LabServer waitsForTheClientsCloseFrame(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected void afterSession(InputStream in, TcpConnection connection, TcpConnection raw) {
                try {
                    connection.readTimeout(CLOSE_WAIT);
                    // Whatever a client sends after the server's close frame begins its own close frame.
                    in.read();
                } catch (IOException e) {
                    // Timed out or gone: the connection is closed next either way.
                }
            }
        };
    }
}
