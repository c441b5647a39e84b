package wslab.reference.heartbeat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import wslab.api.EventLoop;
import wslab.api.HeartbeatContract;
import wslab.api.LabEnvironment;
import wslab.api.Scheduled;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;

/**
 * Lesson 03's reference: lesson 02's echo plus liveness. The server pings on a schedule, counts
 * any frame from the peer as a sign of life, answers the application-level heartbeat for clients
 * that cannot see protocol pings, and closes a peer that has been silent past the deadline:
 * the only way to notice a half-open TCP connection, where no FIN will ever come.
 */
public class HeartbeatSession extends EchoSession {

    /** The answer to the application heartbeat (lesson 03 contract). */
    public static final byte[] APP_HEARTBEAT_ACK = HeartbeatContract.APP_HEARTBEAT_ACK.getBytes(StandardCharsets.UTF_8);

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_PING = 0x9;
    private static final Duration TICK = Duration.ofMillis(100);

    private final HeartbeatPolicy policy;
    private final EventLoop timers;
    private final LabEnvironment env;
    private final OutputStream out;
    private final AtomicLong lastHeardNanos;
    private final AtomicLong lastPingNanos;
    private long pingCount;

    public HeartbeatSession(InputStream in, OutputStream out, HeartbeatPolicy policy, EventLoop timers, LabEnvironment env) {
        super(in, out);
        this.out = out;
        this.policy = policy;
        this.timers = timers;
        this.env = env;
        this.lastHeardNanos = new AtomicLong(env.nanoTime());
        this.lastPingNanos = new AtomicLong(env.nanoTime());
    }

    @Override
    public void run() throws IOException {
        Scheduled ticks = timers.every(TICK, this::tick);
        try {
            super.run();
        } finally {
            ticks.cancel();
        }
    }

    /** Any frame counts: a pong, a ping, data. */
    @Override
    protected void received(Frame f) {
        if (countsAsLife(f)) {
            lastHeardNanos.set(env.nanoTime());
        }
    }

    protected boolean countsAsLife(Frame f) {
        return true;
    }

    @Override
    protected void onMessage(int opcode, byte[] message) throws IOException {
        // A JSON value, not a fixed string: {"type": "heartbeat"} from Python's json.dumps is the same message.
        if (opcode == OPCODE_TEXT && isAppHeartbeat(new String(message, StandardCharsets.UTF_8))) {
            answerAppHeartbeat();
        } else {
            super.onMessage(opcode, message);
        }
    }

    /** An object whose type is "heartbeat", in any spelling; other members are ignored, as everywhere in the kit. */
    protected boolean isAppHeartbeat(String text) {
        return HeartbeatContract.isAppHeartbeat(text);
    }

    protected void answerAppHeartbeat() throws IOException {
        writer().write(OPCODE_TEXT, APP_HEARTBEAT_ACK);
    }

    private void tick() {
        long now = env.nanoTime();
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

    /** 1001, going away: the contract's code for a peer that stopped answering. */
    protected int silentPeerCloseCode() {
        return HeartbeatContract.CLOSE_SILENT_PEER;
    }

    protected void closeSilentPeer() throws IOException {
        try {
            writer().close(silentPeerCloseCode(), "no sign of life");
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
