package wslab.reference.heartbeat;

import java.time.Duration;

/**
 * Lesson 03's liveness contract: ping a connection every {@code pingInterval}; close it when
 * nothing at all has arrived for {@code deadline}. The deadline spans several intervals so one
 * lost pong, or a slow link, does not kill a live connection.
 */
public record HeartbeatPolicy(Duration pingInterval, Duration deadline) {

    /** What the lesson's checks are written against. */
    public static final HeartbeatPolicy LESSON = new HeartbeatPolicy(Duration.ofSeconds(1), Duration.ofSeconds(3));

    public HeartbeatPolicy {
        if (deadline.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("the deadline must be longer than the ping interval");
        }
    }
}
