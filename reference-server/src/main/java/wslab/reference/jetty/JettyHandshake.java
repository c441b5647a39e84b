package wslab.reference.jetty;

import wslab.api.LabImplementation;
import wslab.api.LabServer;
import wslab.reference.handshake.RawHandshakeServer;

/** Publishes Jetty's own handshake as lesson 01's third-party implementation, {@code jetty}. */
public final class JettyHandshake implements LabImplementation {

    @Override
    public String lesson() {
        return "01";
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public String path() {
        return RawHandshakeServer.PATH;
    }

    @Override
    public LabServer newServer() {
        return new JettyHandshakeServer();
    }
}
