package wslab.reference.heartbeat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.Registration;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/** Lesson 03's reference server: handshake (lesson 01), frames (lesson 02), liveness (this lesson). */
public class HeartbeatServer extends RawHandshakeServer {

    public static final String PATH = "/heartbeat";

    private final HeartbeatPolicy policy;
    private final EventLoop timers;

    public HeartbeatServer(LabEnvironment env) {
        this(env, HeartbeatPolicy.LESSON);
    }

    public HeartbeatServer(LabEnvironment env, HeartbeatPolicy policy) {
        super(env, new HandshakeNegotiator(PATH, List.of()));
        this.policy = policy;
        this.timers = env.newLoop("heartbeat-timers");
    }

    @Override
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        newSession(in, out, policy).run();
    }

    /** One connection's session; the project's tests override it to break one rule at a time. */
    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
        return new HeartbeatSession(in, out, p, timers, env);
    }

    /** The loop the sessions' timers run on. */
    protected final EventLoop timers() {
        return timers;
    }

    @Override
    public void close() {
        super.close();
        timers.shutdown();
    }

    /** Publishes the server as lesson 03's reference. */
    public static final class Reference extends Registration {
        public Reference() {
            super("03", "reference", PATH, HeartbeatServer::new);
        }
    }
}
