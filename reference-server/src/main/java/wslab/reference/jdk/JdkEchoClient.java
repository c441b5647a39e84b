package wslab.reference.jdk;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.RealTime;

/**
 * The JDK's own WebSocket client ({@code java.net.http.WebSocket}) as an echo client, so the
 * client suite can grade it: {@code ./wslab grade rfc6455-client --impl jdk}. Everything on the
 * wire is the JDK's; this class only echoes whole messages and reports how the connection ended.
 */
@RealTime(JdkEchoClient.WHY)
public final class JdkEchoClient implements LabClient, WebSocket.Listener {

    static final String WHY = "the JDK's HttpClient has its own threads, sockets and clock";

    /** One for every client: Java 17's HttpClient cannot be closed, so one each would leak its threads. */
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wslab-jdk-echo-client");
        t.setDaemon(true);
        return t;
    })).connectTimeout(Duration.ofSeconds(5)).build();

    private final AtomicBoolean ended = new AtomicBoolean();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile ClientEvents events = ClientEvents.NONE;
    private volatile WebSocket socket;

    public JdkEchoClient(LabEnvironment env) {
        // The JDK takes nothing from the environment: it runs on its own threads and the real clock.
    }

    @Override
    public void start(URI url, ClientEvents events) {
        this.events = events;
        HTTP.newWebSocketBuilder().buildAsync(url, this).whenComplete((ws, error) -> {
            if (error != null) {
                end(1006, "");
            }
        });
    }

    @Override
    public void onOpen(WebSocket ws) {
        socket = ws;
        ws.request(1);
    }

    /** The JDK allows one send at a time: the next frame is asked for once the echo has gone. */
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (!last) {
            ws.request(1);
            return null;
        }
        String message = text.toString();
        text.setLength(0);
        ws.sendText(message, true).whenComplete((w, error) -> ws.request(1));
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (!last) {
            ws.request(1);
            return null;
        }
        ByteBuffer message = ByteBuffer.wrap(binary.toByteArray());
        binary.reset();
        ws.sendBinary(message, true).whenComplete((w, error) -> ws.request(1));
        return null;
    }

    /** The JDK sends the pong itself. */
    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        ws.request(1);
        return null;
    }

    /** Returning null lets the JDK answer the server's close at once (RFC 6455 §5.5.1). */
    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        end(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        end(1006, "");
    }

    private void end(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            events.closed(code, reason);
        }
    }

    @Override
    public void subscribe(String topic) {
    }

    @Override
    public void send(String message) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendText(message, true);
        }
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    @Override
    public void dispose() {
        ended.set(true);
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** {@code --impl jdk}: Java's {@code java.net.http.WebSocket}, as lesson 02c's third-party client. */
    @RealTime(WHY)
    public static final class Registration extends ClientRegistration {
        public Registration() {
            super("02c", "jdk", JdkEchoClient::new);
        }
    }
}
