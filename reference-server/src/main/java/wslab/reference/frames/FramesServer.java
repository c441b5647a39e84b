package wslab.reference.frames;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import wslab.api.LabEnvironment;
import wslab.api.Registration;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/**
 * Lesson 02's reference server: lesson 01's handshake, then {@link EchoSession}'s frame layer.
 * Everything from scratch on a plain socket, so the lesson can show every byte.
 */
public class FramesServer extends RawHandshakeServer {

    public static final String PATH = "/frames";

    public FramesServer(LabEnvironment env) {
        super(env, new HandshakeNegotiator(PATH, List.of()));
    }

    @Override
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        new EchoSession(in, out).run();
    }

    /** Publishes the server as lesson 02's reference. */
    public static final class Reference extends Registration {
        public Reference() {
            super("02", "reference", PATH, FramesServer::new);
        }
    }
}
