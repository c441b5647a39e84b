package wslab.reference.jetty;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.RealTime;

/**
 * Jetty 12's WebSocket client (the Jakarta client of {@code jetty-ee10-websocket-jakarta-client})
 * as an echo client, so the client suite can grade it: {@code ./wslab grade rfc6455-client
 * --impl jetty}. The echo is {@link EchoEndpoint}'s, the same one Jetty's server side uses.
 */
@RealTime(JettyHandshake.WHY)
public final class JettyEchoClient implements LabClient {

    /** One container for every client, started on first use; its threads are daemons, so a grade can end. */
    private static JakartaWebSocketClientContainer container;

    private final AtomicBoolean ended = new AtomicBoolean();
    private final LabEnvironment env;
    private volatile Session session;
    private volatile ClientEvents events = ClientEvents.NONE;

    public JettyEchoClient(LabEnvironment env) {
        this.env = env;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        this.events = events;
        env.startThread("jetty-echo-client " + url, () -> {
            try {
                session = container().connectToServer(new Endpoint(), ClientEndpointConfig.Builder.create().build(), url);
            } catch (Exception e) {
                end(1006, "");
            }
        });
    }

    private final class Endpoint extends EchoEndpoint {
        @Override
        public void onClose(Session s, CloseReason reason) {
            end(reason.getCloseCode().getCode(), reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase());
        }

        @Override
        public void onError(Session s, Throwable error) {
            // Jetty reports the end as well, in onClose.
        }
    }

    private void end(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            events.closed(code, reason);
        }
    }

    private static synchronized JakartaWebSocketClientContainer container() throws Exception {
        if (container == null) {
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("wslab-jetty-echo-client");
            threads.setDaemon(true);
            HttpClient http = new HttpClient();
            http.setExecutor(threads);
            http.setScheduler(new ScheduledExecutorScheduler("wslab-jetty-echo-client-scheduler", true));
            Container c = new Container(http);
            c.setDefaultMaxTextMessageBufferSize(EchoEndpoint.MAX_MESSAGE_BYTES);
            c.setDefaultMaxBinaryMessageBufferSize(EchoEndpoint.MAX_MESSAGE_BYTES);
            c.start();
            c.startClient();
            container = c;
        }
        return container;
    }

    /**
     * Jetty makes its core WebSocket client on the first connect, unguarded, and two first
     * connects at once race there ("WebSocketCoreClient is not started"): it is made here, once.
     */
    private static final class Container extends JakartaWebSocketClientContainer {
        Container(HttpClient http) {
            super(http);
        }

        void startClient() {
            getWebSocketCoreClient();
        }
    }

    @Override
    public void subscribe(String topic) {
    }

    @Override
    public void send(String text) {
        Session s = session;
        if (s != null) {
            s.getAsyncRemote().sendText(text);
        }
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                // Closing is best effort.
            }
        }
    }

    @Override
    public void dispose() {
        ended.set(true);
        close();
    }

    /** {@code --impl jetty}: Jetty's WebSocket client, as lesson 02c's third-party client. */
    @RealTime(JettyHandshake.WHY)
    public static final class Registration extends ClientRegistration {
        public Registration() {
            super("02c", "jetty", JettyEchoClient::new);
        }
    }
}
