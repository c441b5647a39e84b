package wslab.api;

import java.net.URI;

/**
 * A client-side solution (lesson 04): a WebSocket client that stays connected. The suite plays
 * the server, behind the fault network, and drives the client only through these four calls;
 * everything else it judges from the wire. The behaviour it expects is {@link ClientContract}.
 */
public interface LabClient extends AutoCloseable {

    /**
     * Connects to {@code url} and keeps connected until {@link #close()}: heartbeats, reconnects
     * with backoff, restores subscriptions, flushes queued messages. Returns at once.
     *
     * @param events where the client reports what the application should see
     */
    void start(URI url, ClientEvents events);

    /** Subscribes to {@code topic} now if connected, and again on every new connection. */
    void subscribe(String topic);

    /** Sends {@code text} as one text message, exactly once and in order; queues it while offline. */
    void send(String text);

    /** Closes with 1000 and stops for good: no reconnect after this. Never throws. */
    @Override
    void close();

    /**
     * Releases what the client holds (threads, a process, a browser tab), after {@link #close()}.
     * The grader calls it when a check ends; a check of {@code close()} itself watches the client
     * in between, so {@code close()} alone must be what stops it.
     */
    default void dispose() {
        close();
    }
}
