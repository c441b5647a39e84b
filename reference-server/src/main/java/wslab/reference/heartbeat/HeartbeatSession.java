package wslab.reference.heartbeat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import wslab.api.ClientContract;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;

/**
 * Lesson 03's reference: lesson 02's echo plus liveness. The server pings on a schedule, counts
 * any frame from the peer as a sign of life, answers the application-level heartbeat for clients
 * that cannot see protocol pings, and closes a peer that has been silent past the deadline:
 * the only way to notice a half-open TCP connection, where no FIN will ever come.
 */
public class HeartbeatSession extends EchoSession {

    /** The application-level heartbeat a browser client sends, and the answer (lesson 03 contract). */
    public static final byte[] APP_HEARTBEAT = ClientContract.HEARTBEAT.getBytes(StandardCharsets.UTF_8);
    public static final byte[] APP_HEARTBEAT_ACK = ClientContract.HEARTBEAT_ACK.getBytes(StandardCharsets.UTF_8);
    /** Sent before closing a silent peer; 1001 says "going away" without blaming the protocol. */
    static final int CLOSE_GOING_AWAY = 1001;

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_PING = 0x9;
    private static final long TICK_MILLIS = 100;

    private final HeartbeatPolicy policy;
    private final ScheduledExecutorService timers;
    private final OutputStream out;
    private final AtomicLong lastHeardNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong lastPingNanos = new AtomicLong(System.nanoTime());
    private long pingCount;

    public HeartbeatSession(InputStream in, OutputStream out, HeartbeatPolicy policy, ScheduledExecutorService timers) {
        super(in, out);
        this.out = out;
        this.policy = policy;
        this.timers = timers;
    }

    @Override
    public void run() throws IOException {
        ScheduledFuture<?> ticks = timers.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        try {
            super.run();
        } finally {
            ticks.cancel(false);
        }
    }

    /** Any frame counts: a pong, a ping, data. */
    @Override
    protected void received(Frame f) {
        if (countsAsLife(f)) {
            lastHeardNanos.set(System.nanoTime());
        }
    }

    protected boolean countsAsLife(Frame f) {
        return true;
    }

    @Override
    protected void onMessage(int opcode, byte[] message) throws IOException {
        if (opcode == OPCODE_TEXT && Arrays.equals(message, APP_HEARTBEAT)) {
            answerAppHeartbeat();
        } else {
            super.onMessage(opcode, message);
        }
    }

    protected void answerAppHeartbeat() throws IOException {
        writer().write(OPCODE_TEXT, APP_HEARTBEAT_ACK);
    }

    private void tick() {
        long now = System.nanoTime();
        try {
            if (now - lastHeardNanos.get() >= policy.deadline().toNanos()) {
                closeSilentPeer();
            } else if (now - lastPingNanos.get() >= policy.pingInterval().toNanos()) {
                lastPingNanos.set(now);
                sendPing();
            }
        } catch (IOException e) {
            closeQuietly();
        }
    }

    /** A fresh payload per ping, so a pong can be matched to the ping it answers. */
    protected void sendPing() throws IOException {
        writer().write(OPCODE_PING, ("hb-" + (++pingCount)).getBytes(StandardCharsets.US_ASCII));
    }

    protected void closeSilentPeer() throws IOException {
        try {
            writer().close(CLOSE_GOING_AWAY, "no sign of life");
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // The socket is gone either way.
        }
    }
}
