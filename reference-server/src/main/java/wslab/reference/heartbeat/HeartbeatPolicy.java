package wslab.reference.heartbeat;

import java.time.Duration;

import wslab.api.HeartbeatContract;

/**
 * Lesson 03's liveness contract: ping a connection every {@code pingInterval}; close it when
 * nothing at all has arrived for {@code deadline}. The deadline spans several intervals so one
 * lost pong, or a slow link, does not kill a live connection.
 */
public record HeartbeatPolicy(Duration pingInterval, Duration deadline) {

    /** What the lesson's checks are written against. */
    public static final HeartbeatPolicy LESSON = new HeartbeatPolicy(HeartbeatContract.PING_INTERVAL, HeartbeatContract.DEADLINE);

    public HeartbeatPolicy {
        if (deadline.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("the deadline must be longer than the ping interval");
        }
    }
}
