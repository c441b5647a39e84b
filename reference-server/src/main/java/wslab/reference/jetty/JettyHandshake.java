package wslab.reference.jetty;

import java.util.List;

import wslab.api.RealTime;
import wslab.api.Registration;
import wslab.reference.frames.FramesServer;
import wslab.reference.handshake.RawHandshakeServer;

/** Jetty's own WebSocket implementation, published as the third-party {@code jetty} of lessons 01 and 02. */
@RealTime(JettyHandshake.WHY)
public final class JettyHandshake extends Registration {

    static final String WHY = "Jetty has its own threads, sockets and clock";

    public JettyHandshake() {
        super("01", "jetty", RawHandshakeServer.PATH,
                env -> new JettyEchoServer(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS));
    }

    /** Lesson 02: the same echo, at the lesson's path, with no subprotocols. */
    @RealTime(WHY)
    public static final class Frames extends Registration {
        public Frames() {
            super("02", "jetty", FramesServer.PATH, env -> new JettyEchoServer(FramesServer.PATH, List.of()));
        }
    }
}
