package wslab.checks.lesson03;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import wslab.api.HeartbeatContract;
import wslab.checks.rfc6455.Session;
import wslab.grader.CheckContext;
import wslab.wire.Frame;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;

/**
 * Plays a client for a while and records what the server does: when it pings, whether it
 * closes. The client can answer pings or not, and send application heartbeats or not, which is
 * how the checks tell a live peer from a silent one.
 */
final class LinkWatch {

    static final byte[] APP_HEARTBEAT = HeartbeatContract.APP_HEARTBEAT.getBytes(StandardCharsets.UTF_8);

    /** What happened during a watch; times in milliseconds from its start. */
    record Observed(List<Long> pings, List<String> pingPayloads, long closedAt, int closeCode, List<Frame> other) {
        boolean closed() {
            return closedAt >= 0;
        }
    }

    private LinkWatch() {
    }

    /**
     * Watches for up to {@code millis} (the bound included: on virtual time, what happens at the
     * very instant of the bound is seen), or until the server closes. Times come from the check's
     * stage clock.
     *
     * @param answerPings         reply to each ping with a pong, as a live client does
     * @param appHeartbeatMillis  send the application heartbeat this often; 0 for never
     * @param stopAtFirstPing     end the watch as soon as a ping arrives
     */
    static Observed watch(CheckContext ctx, Session s, long millis, boolean answerPings, long appHeartbeatMillis,
                          boolean stopAtFirstPing) throws IOException {
        RawConnection conn = s.connection();
        int before = conn.timeout();
        long start = ctx.nanoTime();
        long lastHeartbeat = start;
        List<Long> pings = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        List<Frame> other = new ArrayList<>();
        try {
            while (true) {
                long now = ctx.nanoTime();
                long elapsed = (now - start) / 1_000_000;
                if (now - start > millis * 1_000_000) {
                    return new Observed(pings, payloads, -1, -1, other);
                }
                if (appHeartbeatMillis > 0 && (now - lastHeartbeat) / 1_000_000 >= appHeartbeatMillis) {
                    s.send(Frame.of(Opcode.TEXT, APP_HEARTBEAT));
                    lastHeartbeat = now;
                }
                conn.timeout((int) Math.max(1, Math.min(100, millis - elapsed + 1)));
                Optional<Frame> f;
                try {
                    f = conn.pollFrame();
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (SocketException e) {
                    return new Observed(pings, payloads, (ctx.nanoTime() - start) / 1_000_000, -1, other);
                }
                long at = (ctx.nanoTime() - start) / 1_000_000;
                if (f.isEmpty()) {
                    return new Observed(pings, payloads, at, -1, other);
                }
                Frame frame = f.get();
                if (frame.opcode() == Opcode.CLOSE) {
                    return new Observed(pings, payloads, at, frame.closeCode(), other);
                }
                if (frame.opcode() == Opcode.PING) {
                    pings.add(at);
                    payloads.add(frame.payloadText());
                    if (answerPings) {
                        s.send(Frame.of(Opcode.PONG, frame.payload()));
                    }
                    if (stopAtFirstPing) {
                        return new Observed(pings, payloads, -1, -1, other);
                    }
                } else {
                    other.add(frame);
                }
            }
        } finally {
            if (!conn.isClosed()) {
                conn.timeout(before);
            }
        }
    }
}
