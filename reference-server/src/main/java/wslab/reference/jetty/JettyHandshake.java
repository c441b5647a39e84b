package wslab.reference.jetty;

import java.util.List;

import wslab.api.Registration;
import wslab.reference.frames.FramesServer;
import wslab.reference.handshake.RawHandshakeServer;

/** Jetty's own WebSocket implementation, published as the third-party {@code jetty} of lessons 01 and 02. */
public final class JettyHandshake extends Registration {

    public JettyHandshake() {
        super("01", "jetty", RawHandshakeServer.PATH,
                () -> new JettyEchoServer(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS));
    }

    /** Lesson 02: the same echo, at the lesson's path, with no subprotocols. */
    public static final class Frames extends Registration {
        public Frames() {
            super("02", "jetty", FramesServer.PATH, () -> new JettyEchoServer(FramesServer.PATH, List.of()));
        }
    }
}
