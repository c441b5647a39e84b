package wslab.lessons.reconnect;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

import wslab.api.ClientContract;
import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.LabClient;

/**
 * Lesson 04: your reconnecting client. It connects once and sends while open; nothing more.
 * Make it survive: every number you need is in {@link ClientContract}. Grade it with
 * {@code ./wslab grade 04}; each TODO names the check that proves it.
 *
 * <p>One piece of advice before you start: the JDK calls the listener below on its own
 * threads. Keep your state on one thread of yours (a single-threaded
 * {@code ScheduledExecutorService} is also your timer) and only post work to it from callbacks.
 */
public class ReconnectingClient implements LabClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private volatile WebSocket socket;
    private ClientEvents events = ClientEvents.NONE;

    public ReconnectingClient(long seed) {
        // TODO(04.6): draw the jitter from new SplittableRandom(seed) so a graded run can be replayed.
    }

    @Override
    public void start(URI url, ClientEvents events) {
        this.events = events;
        // TODO(04.8): an attempt that has not opened within ClientContract.CONNECT_TIMEOUT has failed.
        http.newWebSocketBuilder().buildAsync(url, new Listener()).thenAccept(ws -> {
            socket = ws;
            // TODO(04.1, 04.12): send ClientContract.subscribeMessage(topic) for every topic, on every new connection.
            // TODO(04.13): then flush what send() queued while offline, in order, once.
            // TODO(04.2): send ClientContract.HEARTBEAT every HEARTBEAT_INTERVAL while open.
        });
    }

    @Override
    public void subscribe(String topic) {
        // TODO(04.1): remember the topic, and send its subscribe message now if open.
    }

    @Override
    public void send(String text) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendText(text, true);
        }
        // TODO(04.13): while offline, queue the text instead of losing it.
    }

    @Override
    public void close() {
        // TODO(04.15, 04.16): remember that the application closed, and cancel a retry waiting out its delay.
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            // TODO(04.3): anything arriving is a sign of life; nothing for HEARTBEAT_TIMEOUT means the link is dead.
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.closed(statusCode, reason);
            // TODO(04.5, 04.6, 04.7): reconnect after a random delay in [0, backoffCeiling(n)], at most MAX_ATTEMPTS times.
            // TODO(04.9, 04.10): reset the attempt count only when something arrives after STABLE_AFTER of being open.
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            // TODO(04.14): tell the application (1006, "") when a connection ends without a close frame.
            // TODO(04.11): one failure often calls onError, then fails a send too: reconnect once per connection.
        }
    }

    /** Lets {@code ./wslab grade 04} find this starter. */
    public static final class Starter extends ClientRegistration {
        public Starter() {
            super("04", "starter", ReconnectingClient::new);
        }
    }
}
