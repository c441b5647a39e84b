package wslab.reference.handshake;

import wslab.api.Registration;

/** Publishes lesson 01's reference to the grader and the portal. */
public final class ReferenceHandshake extends Registration {

    public ReferenceHandshake() {
        super("01", "reference", RawHandshakeServer.PATH, RawHandshakeServer::new);
    }
}
