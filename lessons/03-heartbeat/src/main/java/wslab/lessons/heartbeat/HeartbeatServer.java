package wslab.lessons.heartbeat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.Registration;
import wslab.api.Scheduled;
import wslab.lessons.frames.Connection;
import wslab.lessons.frames.FrameServer;
import wslab.lessons.handshake.HandshakeServer;

/**
 * Lesson 03: your lesson 01 handshake, your lesson 02 frames, and liveness on top. Given: the
 * timer that calls {@link Liveness#tick()}. Yours: {@link Liveness}, and the application
 * heartbeat (TODO(03.5): a text message {"type":"heartbeat"} is answered with
 * {"type":"heartbeat-ack"} instead of being echoed; do it in your Connection).
 */
public class HeartbeatServer extends FrameServer {

    private final EventLoop timers;

    public HeartbeatServer(LabEnvironment env) {
        super(env);
        this.timers = env.newLoop("liveness");
    }

    @Override
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        Liveness liveness = new Liveness(out, env);
        Scheduled ticks = timers.every(Duration.ofMillis(100), () -> {
            try {
                liveness.tick();
            } catch (IOException e) {
                // The connection is gone; the read loop below ends too.
            }
        });
        try {
            new Connection(in, out).run();
        } finally {
            ticks.cancel();
        }
    }

    @Override
    public void close() {
        super.close();
        timers.shutdown();
    }

    /** Lets {@code ./wslab grade 03} find this starter. It answers on lesson 01's path. */
    public static final class Starter extends Registration {
        public Starter() {
            super("03", "starter", HandshakeServer.PATH, HeartbeatServer::new);
        }
    }
}
