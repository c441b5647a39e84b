package wslab.reference.reconnect;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import wslab.api.ClientContract;
import wslab.api.ClientEvents;
import wslab.api.LabClient;

/**
 * Lesson 04's reference: a client over {@code java.net.http.WebSocket} that stays connected.
 * All of its state lives on one thread, the loop; the JDK's callbacks only post work to it.
 * That is what makes "exactly one reconnect loop" easy: there is one place where a loss is
 * handled and one timer that schedules the next attempt.
 *
 * <p>The protected methods are the decisions the lesson grades, one each, so the project's
 * tests can break them one at a time.
 */
public class ReconnectingClient implements LabClient {

    /** One for all clients: Java 17's HttpClient cannot be closed, so one per client would leak threads. */
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "reconnecting-client-io");
        t.setDaemon(true);
        return t;
    })).build();

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reconnecting-client");
        t.setDaemon(true);
        loopThread = t;
        return t;
    });
    private volatile Thread loopThread;
    private final Backoff backoff;
    private final List<String> topics = new ArrayList<>();
    private final Deque<String> offline = new ArrayDeque<>();
    private URI url;
    private ClientEvents events = ClientEvents.NONE;
    private Connection current;
    private ScheduledFuture<?> nextAttempt;
    /** Retries since the start or the last stable connection; the next retry's number minus one. */
    private int retries;
    private int connections;
    private boolean stopped;

    public ReconnectingClient(long seed) {
        this(new Backoff(new SplittableRandom(seed)));
    }

    public ReconnectingClient(Backoff backoff) {
        this.backoff = backoff;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        post(() -> {
            this.url = url;
            this.events = events;
            attempt();
        });
    }

    @Override
    public void subscribe(String topic) {
        post(() -> {
            topics.add(topic);
            if (current != null && current.isOpen()) {
                current.send(ClientContract.subscribeMessage(topic));
            }
        });
    }

    @Override
    public void send(String text) {
        post(() -> {
            if (current != null && current.isOpen()) {
                current.send(text);
            } else {
                whileOffline(text);
            }
        });
    }

    @Override
    public void close() {
        if (Thread.currentThread() == loopThread) {
            // Called from an event handler, which runs on the loop: waiting for the loop would deadlock.
            stop();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(() -> {
            stop();
            done.complete(null);
        });
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The loop is stuck or already gone: there is nothing left to stop.
        }
    }

    /** Stops, then lets the close handshake finish before the loop and its threads go. */
    @Override
    public void dispose() {
        close();
        post(() -> loop.schedule(loop::shutdownNow, 1, TimeUnit.SECONDS));
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
            nextAttempt.cancel(false);
        }
    }

    /**
     * Closes the current connection with 1000. The server's answering close arrives through the
     * listener like any other; a server that never answers is cut off after a second.
     */
    protected final void closeCurrent() {
        Connection c = current;
        if (c == null) {
            return;
        }
        c.cancelTimers();
        if (c.isOpen()) {
            c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(c.socket::abort);
        } else if (c.socket != null) {
            c.socket.abort();
        } else {
            c.handshake.cancel(true);
        }
    }

    private void attempt() {
        Connection c = new Connection(this);
        current = c;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        Duration timeout = connectTimeout();
        if (timeout != null) {
            // The JDK's own deadline also abandons the exchange; the timer makes the loss ours, on time.
            builder.connectTimeout(timeout);
            c.connectTimer = loop.schedule(() -> lost(c, 1006, ""), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        // Success arrives through the listener's onOpen, which the JDK calls before any message or
        // close of that connection, so the loop always learns of the open first.
        c.handshake = builder.buildAsync(url, c);
        c.handshake.whenComplete((ws, error) -> {
            if (error != null) {
                post(() -> lost(c, 1006, ""));
            }
        });
    }

    void opened(Connection c, WebSocket ws) {
        if (c != current && runsOneLoop() || stopped || c.isLost()) {
            // An attempt the connect timer already gave up on opened late: not ours any more.
            ws.abort();
            return;
        }
        c.socket = ws;
        c.openedNanos = System.nanoTime();
        // The heartbeat timeout counts from the open, not from when the attempt began.
        c.heard();
        if (c.connectTimer != null) {
            c.connectTimer.cancel(false);
        }
        greet(c);
        checkStable(c);
        long interval = heartbeatInterval().toMillis();
        c.heartbeats = loop.scheduleAtFixedRate(() -> heartbeat(c), interval, interval, TimeUnit.MILLISECONDS);
    }

    /** What a new connection sends first: every subscription, then what was queued offline. */
    private void greet(Connection c) {
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

    private void subscribeAll(Connection c) {
        for (String topic : topics) {
            c.send(ClientContract.subscribeMessage(topic));
        }
    }

    private void heartbeat(Connection c) {
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
    private void checkStable(Connection c) {
        if (!c.stable && c.heardAfter(c.openedNanos + stableAfter().toNanos())) {
            c.stable = true;
            stayedUp();
        }
    }

    /**
     * Every report of a failure lands here: a close, an error, a failed send, a timer. One
     * failure often produces several (the JDK reports an error, then the next send fails too);
     * only the first report about the current connection may schedule an attempt, or each
     * failure would start one more loop.
     */
    void lost(Connection c, int code, String reason) {
        if (c.socket != null) {
            // It may have proved itself since the last heartbeat tick.
            checkStable(c);
        }
        boolean first = c.markLost();
        if (first) {
            if (runsOneLoop()) {
                c.cancelTimers();
            }
            if (c.socket != null) {
                c.socket.abort();
                reportClosed(events, code, reason);
            } else if (c.handshake != null) {
                c.handshake.cancel(true);
            }
        }
        if (stopped || (!first || c != current) && runsOneLoop()) {
            return;
        }
        current = null;
        if (givesUpAfter(retries)) {
            events.gaveUp();
            return;
        }
        retries++;
        Duration delay = delayBefore(retries);
        nextAttempt = loop.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Runs {@code task} on the loop; after the loop has shut down there is nothing left to run. */
    void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException ignored) {
            // Closed: late callbacks from the JDK have nothing to report to.
        }
    }
}
