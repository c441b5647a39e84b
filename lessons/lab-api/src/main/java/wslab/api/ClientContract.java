package wslab.api;

import java.time.Duration;

/**
 * Lesson 04's contract: what a reconnecting client does, in numbers. The starter, the
 * references (Java and browser) and the checks all read them from here; the lesson's README
 * gives the same numbers for clients written in other languages.
 *
 * <pre>
 *   open ──▶ subscribe each topic ──▶ flush the offline queue ──▶ heartbeat every 500 ms
 *     ▲                                                              │ nothing heard for 1500 ms,
 *     │ opened within 1000 ms                                        │ an error, or a close
 *     │                                                              ▼
 *  retry n  ◀── wait random [0, min(2000, 250·2^(n-1))] ms ◀── lost (n = 1, 2, ... 8, then give up)
 * </pre>
 */
public final class ClientContract {

    /** The client sends {@link #HEARTBEAT} this often while a connection is open. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);
    /** A connection on which nothing at all has arrived for this long is dead: close it and reconnect. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(1500);
    /** The ceiling of the first reconnect delay; it doubles with each failed attempt. */
    public static final Duration BACKOFF_BASE = Duration.ofMillis(250);
    /** No delay's ceiling goes above this. */
    public static final Duration BACKOFF_CAP = Duration.ofMillis(2000);
    /**
     * Retries are numbered from 1 after the start or the last stable connection; when retry
     * number {@value} fails, the client gives up (and tells its application).
     */
    public static final int MAX_ATTEMPTS = 8;
    /** An attempt whose opening handshake has not completed by then has failed. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
    /**
     * A connection is stable, and resets the retry count, once something arrives on it after it
     * has been open this long. One that drops sooner, or goes silent first (a link black-holed
     * right after the upgrade), counts as a failed attempt, so a server that accepts and drops
     * at once is not hammered at the base delay.
     */
    public static final Duration STABLE_AFTER = Duration.ofMillis(1000);

    /** The application heartbeat a client sends; the server answers {@link #HEARTBEAT_ACK} (lesson 03). */
    public static final String HEARTBEAT = HeartbeatContract.APP_HEARTBEAT;
    public static final String HEARTBEAT_ACK = HeartbeatContract.APP_HEARTBEAT_ACK;

    private ClientContract() {
    }

    /**
     * The subscribe message for {@code topic}, sent on every new connection before anything else:
     * {@code {"type":"subscribe","topic":"prices"}}. Built by Jackson, so any topic is valid JSON.
     */
    public static String subscribeMessage(String topic) {
        return JsonMessages.JSON.createObjectNode().put("type", "subscribe").put("topic", topic).toString();
    }

    /**
     * The topic a text message subscribes to, if it is a subscribe message (compared as a JSON value;
     * members other than type and topic are ignored).
     */
    public static java.util.Optional<String> subscribedTopic(String text) {
        return JsonMessages.parse(text).filter(com.fasterxml.jackson.databind.JsonNode::isObject)
                .filter(n -> "subscribe".equals(n.path("type").textValue()) && n.path("topic").isTextual())
                .map(n -> n.path("topic").textValue());
    }

    /** Whether a text message is the application heartbeat (as a JSON value: any spacing, any key order). */
    public static boolean isHeartbeat(String text) {
        return HeartbeatContract.isAppHeartbeat(text);
    }

    /** The ceiling of the delay before retry {@code attempt} (1-based): full jitter draws uniformly below it. */
    public static Duration backoffCeiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        long ceiling = BACKOFF_BASE.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(BACKOFF_CAP.toMillis(), ceiling));
    }
}
