package wslab.lessons.reconnect;

import java.net.URI;
import java.time.Duration;

import wslab.api.ClientContract;
import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;

/**
 * Lesson 04: your reconnecting client. It connects once and sends while open; nothing more.
 * Make it survive: every number you need is in {@link ClientContract}. Grade it with
 * {@code ./wslab grade 04}; each TODO names the check that proves it.
 *
 * <p>Everything here runs on one thread, {@link #loop}: the WebSocket's events arrive on it, the
 * public methods post to it, and it is your timer ({@code loop.schedule}, {@code loop.every}).
 * State touched only on the loop needs no locks, and there is one place where a lost connection
 * is handled. Time, timers and randomness come from {@link #env}: the grader may run you on a
 * virtual clock, where a timing mistake of 30 ms is caught every time.
 */
public class ReconnectingClient implements LabClient {

    private final LabEnvironment env;
    private final EventLoop loop;
    private ClientWebSocket socket;
    private boolean open;
    private ClientEvents events = ClientEvents.NONE;

    public ReconnectingClient(LabEnvironment env) {
        this.env = env;
        this.loop = env.newLoop("reconnecting-client");
        // TODO(04.6): draw the jitter from env.random(): the grader seeds it, so a graded run can be replayed.
    }

    @Override
    public void start(URI url, ClientEvents events) {
        loop.execute(() -> {
            this.events = events;
            // TODO(04.8): an attempt that has not opened within ClientContract.CONNECT_TIMEOUT has failed:
            // set a timer, and abort() the socket when it fires first.
            socket = env.openWebSocket(url, loop, new Listener());
        });
    }

    @Override
    public void subscribe(String topic) {
        loop.execute(() -> {
            // TODO(04.1): remember the topic, and send ClientContract.subscribeMessage(topic) now if open.
        });
    }

    @Override
    public void send(String text) {
        loop.execute(() -> {
            if (open) {
                socket.sendText(text);
            }
            // TODO(04.13): while offline, queue the text instead of losing it.
        });
    }

    @Override
    public void close() {
        loop.execute(() -> {
            // TODO(04.15, 04.16): remember that the application closed, and cancel a retry waiting out its delay.
            if (socket != null) {
                socket.close(1000, "");
            }
        });
    }

    @Override
    public void dispose() {
        close();
        loop.schedule(Duration.ofSeconds(1), loop::shutdown);
    }

    private final class Listener implements ClientWebSocket.Listener {

        @Override
        public void onOpen(ClientWebSocket ws) {
            open = true;
            // TODO(04.1, 04.12): send ClientContract.subscribeMessage(topic) for every topic, on every new connection.
            // TODO(04.13): then flush what send() queued while offline, in order, once.
            // TODO(04.2): send ClientContract.HEARTBEAT every HEARTBEAT_INTERVAL while open (loop.every).
        }

        @Override
        public void onText(ClientWebSocket ws, String text) {
            // TODO(04.3): anything arriving is a sign of life; nothing for HEARTBEAT_TIMEOUT means the link is dead.
        }

        @Override
        public void onClose(ClientWebSocket ws, int code, String reason) {
            open = false;
            events.closed(code, reason);
            // TODO(04.5, 04.6, 04.7): reconnect after a random delay in [0, backoffCeiling(n)], at most MAX_ATTEMPTS times.
            // TODO(04.9, 04.10, 04.17): reset the attempt count only when something arrives after STABLE_AFTER of being open.
        }

        @Override
        public void onError(ClientWebSocket ws, Throwable error) {
            // TODO(04.11): a failed connection reports onError and then onClose: reconnect once per connection, not twice.
        }
    }

    /** Lets {@code ./wslab grade 04} find this starter. */
    public static final class Starter extends ClientRegistration {
        public Starter() {
            super("04", "starter", ReconnectingClient::new);
        }
    }
}
