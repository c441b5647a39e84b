package wslab.reference.jetty;

import wslab.api.Registration;
import wslab.reference.handshake.RawHandshakeServer;

/** Publishes Jetty's own handshake as lesson 01's third-party implementation, {@code jetty}. */
public final class JettyHandshake extends Registration {

    public JettyHandshake() {
        super("01", "jetty", RawHandshakeServer.PATH, JettyHandshakeServer::new);
    }
}
