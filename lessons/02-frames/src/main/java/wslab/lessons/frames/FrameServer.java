package wslab.lessons.frames;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import wslab.api.LabEnvironment;
import wslab.api.Registration;
import wslab.lessons.handshake.HandshakeServer;

/** Lesson 02: your lesson 01 handshake, then your frame layer in {@link Connection}. */
public class FrameServer extends HandshakeServer {

    public FrameServer(LabEnvironment env) {
        super(env);
    }

    @Override
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        new Connection(in, out).run();
    }

    /** Lets {@code ./wslab grade 02} find this starter. It answers on lesson 01's path. */
    public static final class Starter extends Registration {
        public Starter() {
            super("02", "starter", HandshakeServer.PATH, FrameServer::new);
        }
    }
}
