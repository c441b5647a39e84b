package wslab.reference.reconnect;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt and, if it opens, the connection it becomes. Its listener turns the JDK's
 * callbacks into calls on the client's single loop; {@link #markLost()} makes sure one failure
 * is handled once, however many callbacks report it (an error, then a failed send, then a close).
 */
final class Connection implements WebSocket.Listener {

    private final ReconnectingClient client;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();
    /** Sends are chained: the JDK allows one outstanding text send at a time. */
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    WebSocket socket;
    CompletableFuture<WebSocket> handshake;
    long openedNanos;
    /** Set on the loop once the connection proved itself; see ReconnectingClient#checkStable. */
    boolean stable;
    ScheduledFuture<?> connectTimer;
    ScheduledFuture<?> heartbeats;
    ScheduledFuture<?> stableTimer;

    Connection(ReconnectingClient client) {
        this.client = client;
    }

    boolean isOpen() {
        return socket != null && !lost.get();
    }

    boolean isLost() {
        return lost.get();
    }

    boolean heardAfter(long nanos) {
        return lastHeardNanos - nanos >= 0;
    }

    /** True the first time only: later reports of the same failure are echoes of it. */
    boolean markLost() {
        return lost.compareAndSet(false, true);
    }

    long silentMillis() {
        return (System.nanoTime() - lastHeardNanos) / 1_000_000;
    }

    /** Queues {@code text} behind earlier sends; a send that fails loses the connection. */
    void send(String text) {
        WebSocket ws = socket;
        sends = sends.thenCompose(x -> ws.sendText(text, true)).whenComplete((ws2, error) -> {
            if (error != null) {
                client.post(() -> client.lost(this, 1006, ""));
            }
        });
    }

    void cancelTimers() {
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {connectTimer, heartbeats, stableTimer}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        client.post(() -> client.opened(this, ws));
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        heard();
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        heard();
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        heard();
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        heard();
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        client.post(() -> client.lost(this, statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        client.post(() -> client.lost(this, 1006, ""));
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }
}
