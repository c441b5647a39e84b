package wslab.api;

import java.time.Duration;

/**
 * Lesson 03's contract: the server's liveness rules, in numbers. The reference, the starter and
 * the checks read them from here; the lesson's README gives the same numbers (a test compares).
 * The lab's intervals are scaled down: production servers ping every 20–30 s, well below the
 * shortest idle timeout on the path (nginx's proxy_read_timeout and common load balancers: 60 s).
 */
public final class HeartbeatContract {

    /** The server pings an open connection this often. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    /** A connection on which nothing at all has arrived for this long is closed. */
    public static final Duration DEADLINE = Duration.ofSeconds(3);
    /** The close code for a silent peer: 1001 "going away" blames no one's protocol. */
    public static final int CLOSE_SILENT_PEER = 1001;

    /** The application heartbeat a client that cannot see pings (a browser) sends: {"type":"heartbeat"}. */
    public static final String APP_HEARTBEAT = JsonMessages.bare("heartbeat");
    /** The server's answer to it: {"type":"heartbeat-ack"}. */
    public static final String APP_HEARTBEAT_ACK = JsonMessages.bare("heartbeat-ack");

    private HeartbeatContract() {
    }

    /** Whether a text message is the application heartbeat, as a JSON value (any spacing, any key order). */
    public static boolean isAppHeartbeat(String text) {
        return JsonMessages.isOfType(text, "heartbeat");
    }

    public static boolean isAppHeartbeatAck(String text) {
        return JsonMessages.isOfType(text, "heartbeat-ack");
    }
}
