package wslab.reference.heartbeat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import wslab.api.Registration;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/** Lesson 03's reference server: handshake (lesson 01), frames (lesson 02), liveness (this lesson). */
public class HeartbeatServer extends RawHandshakeServer {

    public static final String PATH = "/heartbeat";

    private final HeartbeatPolicy policy;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "heartbeat-timers");
        t.setDaemon(true);
        return t;
    });

    public HeartbeatServer() {
        this(HeartbeatPolicy.LESSON);
    }

    public HeartbeatServer(HeartbeatPolicy policy) {
        super(new HandshakeNegotiator(PATH, List.of()));
        this.policy = policy;
    }

    @Override
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        newSession(in, out, policy, timers).run();
    }

    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p, ScheduledExecutorService t) {
        return new HeartbeatSession(in, out, p, t);
    }

    @Override
    public void close() {
        super.close();
        timers.shutdownNow();
    }

    /** Publishes the server as lesson 03's reference. */
    public static final class Reference extends Registration {
        public Reference() {
            super("03", "reference", PATH, HeartbeatServer::new);
        }
    }
}
