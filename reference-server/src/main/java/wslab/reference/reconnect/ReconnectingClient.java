package wslab.reference.reconnect;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import wslab.api.ClientContract;
import wslab.api.ClientEvents;
import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.Scheduled;

/**
 * Lesson 04's reference: a client that stays connected. All of its state lives on one thread,
 * the loop, where the WebSocket's events arrive too. That is what makes "exactly one reconnect
 * loop" easy: there is one place where a loss is handled and one timer that schedules the next
 * attempt. Time, timers, randomness and the socket come from the {@link LabEnvironment}.
 *
 * <p>The protected methods are the decisions the lesson grades, one each, so the project's
 * tests can break them one at a time.
 */
public class ReconnectingClient implements LabClient {

    private final LabEnvironment env;
    private final EventLoop loop;
    private final Backoff backoff;
    /** A second subscribe to the same topic is the same subscription. */
    private final Set<String> topics = new LinkedHashSet<>();
    private final Deque<String> offline = new ArrayDeque<>();
    private URI url;
    private ClientEvents events = ClientEvents.NONE;
    private Attempt current;
    private Scheduled nextAttempt;
    /** Retries since the start or the last stable connection; the next retry's number minus one. */
    private int retries;
    private int connections;
    private boolean stopped;

    public ReconnectingClient(LabEnvironment env) {
        this(env, new Backoff(env.random()));
    }

    public ReconnectingClient(LabEnvironment env, Backoff backoff) {
        this.env = env;
        this.loop = env.newLoop("reconnecting-client");
        this.backoff = backoff;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        loop.execute(() -> {
            this.url = url;
            this.events = events;
            attempt();
        });
    }

    @Override
    public void subscribe(String topic) {
        loop.execute(() -> {
            if (topics.add(topic) && current != null && current.isOpen()) {
                current.send(ClientContract.subscribeMessage(topic));
            }
        });
    }

    @Override
    public void send(String text) {
        loop.execute(() -> {
            if (current != null && current.isOpen()) {
                current.send(text);
            } else {
                whileOffline(text);
            }
        });
    }

    /** Runs after everything already posted; the loop makes it the only place that stops the client. */
    @Override
    public void close() {
        loop.execute(this::stop);
    }

    /** Stops, then lets the close handshake finish before the loop goes. */
    @Override
    public void dispose() {
        close();
        loop.schedule(ClientWebSocket.CLOSE_TIMEOUT.plusMillis(100), loop::shutdown);
    }

    /** Stops for good: the pending attempt is cancelled and the open connection closed with 1000. */
    protected void stop() {
        stopped = true;
        cancelPendingAttempt();
        closeCurrent();
    }

    /** The retry waiting out its backoff delay must not fire after close(). */
    protected void cancelPendingAttempt() {
        if (nextAttempt != null) {
            nextAttempt.cancel();
        }
    }

    /**
     * Closes the current connection with 1000; an attempt still connecting is abandoned (no Close
     * frame, the TCP connection dropped). The server's answering Close arrives as any other end.
     */
    protected final void closeCurrent() {
        Attempt c = current;
        if (c == null) {
            return;
        }
        c.cancelTimers();
        if (c.isOpen()) {
            c.socket.close(1000, "");
        } else {
            c.socket.abort();
        }
    }

    private void attempt() {
        Attempt c = new Attempt();
        current = c;
        Duration timeout = connectTimeout();
        if (timeout != null) {
            c.connectTimer = loop.schedule(timeout, () -> lost(c, 1006, ""));
        }
        c.socket = env.openWebSocket(url, loop, c);
    }

    private void opened(Attempt c) {
        if (c != current && runsOneLoop() || stopped || c.lost) {
            // An attempt the connect timer already gave up on opened late: not ours any more.
            c.socket.abort();
            return;
        }
        c.opened = true;
        c.openedNanos = env.nanoTime();
        // The heartbeat timeout counts from the open, not from when the attempt began.
        c.heard();
        if (c.connectTimer != null) {
            c.connectTimer.cancel();
        }
        greet(c);
        checkStable(c);
        c.heartbeats = loop.every(heartbeatInterval(), () -> heartbeat(c));
    }

    /** What a new connection sends first: every subscription, then what was queued offline. */
    private void greet(Attempt c) {
        boolean restore = connections++ == 0 || restoresSubscriptions();
        if (restore && subscribesFirst()) {
            subscribeAll(c);
        }
        while (!offline.isEmpty()) {
            c.send(offline.poll());
        }
        if (restore && !subscribesFirst()) {
            subscribeAll(c);
        }
    }

    private void subscribeAll(Attempt c) {
        for (String topic : topics) {
            c.send(ClientContract.subscribeMessage(topic));
        }
    }

    private void heartbeat(Attempt c) {
        if (c.silentMillis() > heartbeatTimeout().toMillis()) {
            // Nothing came back: the link is dead even if TCP has not noticed (a half-open connection).
            lost(c, 1006, "");
            return;
        }
        checkStable(c);
        c.send(ClientContract.HEARTBEAT);
    }

    /**
     * A connection is stable once something has arrived on it after it had been open
     * {@link #stableAfter()}: merely staying open is not enough, since a link black-holed right
     * after the upgrade stays "open" until the heartbeat timeout, and must not reset the count.
     */
    private void checkStable(Attempt c) {
        if (!c.stable && provesStable(Duration.ofNanos(env.nanoTime() - c.openedNanos),
                c.heardAfter(c.openedNanos + stableAfter().toNanos()))) {
            c.stable = true;
            stayedUp();
        }
    }

    /** Something arrived after {@link #stableAfter()} of being open; being open that long proves nothing (04.17). */
    protected boolean provesStable(Duration openFor, boolean heardSinceStableAfter) {
        return heardSinceStableAfter;
    }

    /**
     * Every report of a failure lands here: a close, an error, a timer. A failed connection
     * reports an error and then a close; only the first report about the current connection may
     * schedule an attempt, or each report would start one more loop.
     */
    private void lost(Attempt c, int code, String reason) {
        if (c.opened) {
            // It may have proved itself since the last heartbeat tick.
            checkStable(c);
        }
        boolean first = !c.lost;
        c.lost = true;
        if (runsOneLoop()) {
            if (!first || c != current) {
                return;
            }
            c.cancelTimers();
            // Nothing more from this socket: later reports of the same failure are not ours to act on.
            c.socket.abort();
        }
        if (first && c.opened) {
            reportClosed(events, code, reason);
        }
        if (stopped || !reconnectsAfter(code)) {
            return;
        }
        current = null;
        if (givesUpAfter(retries)) {
            events.gaveUp();
            return;
        }
        retries++;
        nextAttempt = loop.schedule(delayBefore(retries), this::attempt);
    }

    /**
     * Every end of a connection the application did not ask for is a loss, clean or not: a server
     * restarting says 1001 "going away" and means "come back" (04.18).
     */
    protected boolean reconnectsAfter(int closeCode) {
        return true;
    }

    /** A connection proved stable: the next loss starts the backoff from the bottom. */
    protected void stayedUp() {
        retries = 0;
    }

    /** Subscriptions go before queued messages: a message may depend on its topic. */
    protected boolean subscribesFirst() {
        return true;
    }

    protected void reportClosed(ClientEvents events, int code, String reason) {
        events.closed(code, reason);
    }

    protected Duration heartbeatInterval() {
        return ClientContract.HEARTBEAT_INTERVAL;
    }

    /** One loss is handled once, and its connection's timers die with it. */
    protected boolean runsOneLoop() {
        return true;
    }

    protected boolean restoresSubscriptions() {
        return true;
    }

    protected Duration stableAfter() {
        return ClientContract.STABLE_AFTER;
    }

    protected void whileOffline(String text) {
        offline.add(text);
    }

    protected Duration delayBefore(int retry) {
        return backoff.delayBefore(retry);
    }

    protected boolean givesUpAfter(int retriesMade) {
        return retriesMade >= ClientContract.MAX_ATTEMPTS;
    }

    /** The opening handshake's deadline; {@code null} would wait for ever on a black-holed link. */
    protected Duration connectTimeout() {
        return ClientContract.CONNECT_TIMEOUT;
    }

    protected Duration heartbeatTimeout() {
        return ClientContract.HEARTBEAT_TIMEOUT;
    }

    /** The loop itself, for mutants that must schedule on it. */
    protected final EventLoop loop() {
        return loop;
    }

    /** One attempt and, if it opens, the connection it becomes; touched only on the loop. */
    private final class Attempt implements ClientWebSocket.Listener {
        ClientWebSocket socket;
        boolean opened;
        boolean lost;
        long openedNanos;
        long lastHeardNanos;
        /** Set once the connection proved itself; see {@link #checkStable}. */
        boolean stable;
        Scheduled connectTimer;
        Scheduled heartbeats;

        boolean isOpen() {
            return opened && !lost;
        }

        void heard() {
            lastHeardNanos = env.nanoTime();
        }

        boolean heardAfter(long nanos) {
            return lastHeardNanos - nanos >= 0;
        }

        long silentMillis() {
            return (env.nanoTime() - lastHeardNanos) / 1_000_000;
        }

        void send(String text) {
            socket.sendText(text);
        }

        void cancelTimers() {
            for (Scheduled timer : new Scheduled[] {connectTimer, heartbeats}) {
                if (timer != null) {
                    timer.cancel();
                }
            }
        }

        @Override
        public void onOpen(ClientWebSocket ws) {
            opened(this);
        }

        @Override
        public void onText(ClientWebSocket ws, String text) {
            heard();
        }

        @Override
        public void onBinary(ClientWebSocket ws, byte[] data) {
            heard();
        }

        @Override
        public void onPing(ClientWebSocket ws) {
            heard();
        }

        @Override
        public void onError(ClientWebSocket ws, Throwable error) {
            lost(this, 1006, "");
        }

        @Override
        public void onClose(ClientWebSocket ws, int code, String reason) {
            lost(this, code, reason);
        }
    }
}
