package wslab.reference.handshake;

import wslab.api.LabImplementation;
import wslab.api.LabServer;

/** Publishes lesson 01's reference to the grader and the portal. */
public final class ReferenceHandshake implements LabImplementation {

    @Override
    public String lesson() {
        return "01";
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String path() {
        return RawHandshakeServer.PATH;
    }

    @Override
    public LabServer newServer() {
        return new RawHandshakeServer();
    }
}
