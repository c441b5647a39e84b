package wslab.api;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link ClientWebSocket} over {@code java.net.http.WebSocket}: the JDK's callbacks are posted to the caller's loop. */
final class JdkClientWebSocket implements ClientWebSocket, WebSocket.Listener {

    /** One for all sockets: Java 17's HttpClient cannot be closed, so one per socket would leak threads. */
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wslab-websocket-io");
        t.setDaemon(true);
        return t;
    })).build();

    /**
     * A safety net, not a rule of any lesson: a handshake that has not completed by then is failed
     * by the transport, so an abandoned attempt does not hold its TCP connection for ever.
     */
    private static final java.time.Duration HANDSHAKE_LIMIT = java.time.Duration.ofSeconds(30);

    private final EventLoop loop;
    private final Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean aborted;
    private volatile WebSocket socket;
    private volatile CompletableFuture<WebSocket> handshake;
    /** The JDK allows one outstanding send at a time: sends are chained. */
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    private JdkClientWebSocket(EventLoop loop, Listener listener) {
        this.loop = loop;
        this.listener = listener;
    }

    static JdkClientWebSocket open(URI url, EventLoop loop, Listener listener) {
        JdkClientWebSocket s = new JdkClientWebSocket(loop, listener);
        CompletableFuture<WebSocket> h;
        try {
            h = HTTP.newWebSocketBuilder().connectTimeout(HANDSHAKE_LIMIT).buildAsync(url, s);
        } catch (IllegalArgumentException e) {
            h = CompletableFuture.failedFuture(e);
        }
        s.handshake = h;
        h.whenComplete((ws, error) -> {
            if (error != null) {
                s.fail(error);
            } else if (s.aborted) {
                ws.abort();
            }
        });
        return s;
    }

    @Override
    public synchronized void sendText(String message) {
        WebSocket ws = socket;
        if (ws == null || ended.get()) {
            return;
        }
        sends = sends.thenCompose(x -> ws.sendText(message, true)).whenComplete((x, error) -> {
            if (error != null) {
                fail(error);
            }
        });
    }

    @Override
    public synchronized void close(int code, String reason) {
        // As the simulated client does, so a bad close fails the same way on both clocks; java.net.http
        // would only fail the future of its send, and the connection would end as 1006 a second later.
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        if (!sendable) {
            throw new IllegalArgumentException("close code " + code + " may not be sent in a close frame (RFC 6455 §7.4)");
        }
        if (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason takes at most 123 bytes of UTF-8 (RFC 6455 §5.5)");
        }
        WebSocket ws = socket;
        if (ws == null) {
            abort();
            return;
        }
        sends = sends.thenCompose(x -> ws.sendClose(code, reason));
        loop.schedule(CLOSE_TIMEOUT, () -> {
            if (!ended.get()) {
                ws.abort();
                end(1006, "");
            }
        });
    }

    @Override
    public void abort() {
        aborted = true;
        ended.set(true);
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        } else if (handshake != null) {
            handshake.cancel(true);
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        socket = ws;
        if (aborted) {
            ws.abort();
            return;
        }
        deliver(() -> listener.onOpen(this));
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            deliver(() -> listener.onText(this, message));
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            byte[] message = binary.toByteArray();
            binary.reset();
            deliver(() -> listener.onBinary(this, message));
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        deliver(() -> listener.onPing(this));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        ws.request(1);
        return null;
    }

    /** Returning null makes the JDK answer the server's Close at once (RFC 6455 §5.5.1). */
    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        end(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        fail(error);
    }

    private void fail(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            deliver(() -> listener.onError(this, error));
            deliver(() -> listener.onClose(this, 1006, ""));
        }
    }

    private void end(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            deliver(() -> listener.onClose(this, code, reason));
        }
    }

    private void deliver(Runnable event) {
        loop.execute(() -> {
            if (!aborted) {
                event.run();
            }
        });
    }
}
