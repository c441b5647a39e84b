package wslab.lessons.handshake;

import wslab.api.Registration;

/** Lets {@code ./wslab grade 01} find this starter: {@code --impl starter} is the default. */
public final class Starter extends Registration {

    public Starter() {
        super("01", "starter", HandshakeServer.PATH, HandshakeServer::new);
    }
}
