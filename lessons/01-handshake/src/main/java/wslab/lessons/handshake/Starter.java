package wslab.lessons.handshake;

import wslab.api.LabImplementation;
import wslab.api.LabServer;

/** Lets {@code ./wslab grade 01} find this starter: {@code --impl starter} is the default. */
public final class Starter implements LabImplementation {

    @Override
    public String lesson() {
        return "01";
    }

    @Override
    public String name() {
        return "starter";
    }

    @Override
    public String path() {
        return HandshakeServer.PATH;
    }

    @Override
    public LabServer newServer() {
        return new HandshakeServer();
    }
}
