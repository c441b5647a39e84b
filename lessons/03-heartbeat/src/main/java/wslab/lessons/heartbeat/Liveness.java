package wslab.lessons.heartbeat;

import java.io.IOException;
import java.io.OutputStream;

import wslab.api.HeartbeatContract;
import wslab.api.LabEnvironment;

/**
 * Lesson 03 starter: decides, ten times a second, whether to ping the peer or give up on it.
 * The lesson's contract: ping every {@link #PING_INTERVAL_MILLIS}; close a peer from which
 * nothing has arrived for {@link #DEADLINE_MILLIS}. Tell the time with {@code env.nanoTime()}:
 * the grader may run you on a virtual clock.
 */
public final class Liveness {

    public static final long PING_INTERVAL_MILLIS = HeartbeatContract.PING_INTERVAL.toMillis();
    public static final long DEADLINE_MILLIS = HeartbeatContract.DEADLINE.toMillis();

    private final OutputStream out;
    private final LabEnvironment env;

    public Liveness(OutputStream out, LabEnvironment env) {
        this.out = out;
        this.env = env;
    }

    /**
     * Something arrived from the peer: any frame is a sign of life.
     *
     * <p>TODO(03.6, 03.7): remember when. Call this from your lesson 02 Connection for every frame
     * it reads (add a constructor parameter or a listener there).
     */
    public void heard() {
    }

    /**
     * Called every 100 ms by {@link HeartbeatServer}.
     *
     * <p>TODO(03.1, 03.2): send a PING (opcode 0x9) once {@link #PING_INTERVAL_MILLIS} has passed
     * since the last one; give each ping its own payload.
     * <p>TODO(03.3, 03.7): once nothing has been heard for {@link #DEADLINE_MILLIS}, send a close
     * (1001) and close {@link #out}: a half-open peer will never send a FIN, so this is the only way
     * its connection ends.
     *
     * <p>Careful: this runs on a timer thread while your Connection writes echoes on another. Two
     * frames written at once interleave their bytes on the wire.
     */
    public void tick() throws IOException {
    }
}
