package wslab.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import wslab.api.ClientContract;
import wslab.api.ClientEvents;
import wslab.api.LabClient;
import wslab.api.LabClientImplementation;
import wslab.api.LessonCatalog;
import wslab.reference.jetty.JettyServers;

/**
 * Lesson 04's browser clients in real Chromium, through {@link BrowserClient} as the grader
 * drives them, against a small Jetty server that answers heartbeats and records what each
 * connection sent.
 */
class ReconnectPageTest {

    /**
     * How long an event may take to show: these tests share Chromium and its one driver with the
     * proof's nine browser grades running at the same time, so a page can wait its turn for seconds.
     * The waits end at the event, so a long bound costs nothing when things go well.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SUBSCRIBE_PRICES = ClientContract.subscribeMessage("prices");
    private static final String SUBSCRIBE_NEWS = ClientContract.subscribeMessage("news");

    @Test
    void bothBrowserClientsAreRegisteredForLesson04() {
        LessonCatalog catalog = LessonCatalog.load();
        assertThat(catalog.clientImplementations("04")).extracting(LabClientImplementation::name)
                .contains("browser-reference", "browser-starter");
    }

    @Test
    void referenceSubscribesFlushesHeartbeatsReconnectsAndClosesForGood() throws Exception {
        assumeChromium();
        List<String> events = new CopyOnWriteArrayList<>();
        try (PlayServer server = new PlayServer(); Disposed used = new Disposed(client("browser-reference", 7))) {
            LabClient client = used.client();
            client.subscribe("prices");
            client.subscribe("news");
            client.send("first");
            client.send("second");
            client.start(server.url(), (code, reason) -> events.add(code + " " + reason));

            // Subscriptions in order, then the offline queue in order, before anything else.
            await().atMost(PATIENCE).until(() -> server.connection(0) != null
                    && server.connection(0).all().size() >= 4);
            PlayServer.Connection first = server.connection(0);
            assertThat(first.all().subList(0, 4)).containsExactly(SUBSCRIBE_PRICES, SUBSCRIBE_NEWS, "first", "second");

            // Every 500 ms: three within 3 s of open leaves room for a loaded machine.
            await().atMost(Duration.ofSeconds(3)).until(() -> first.heartbeats() >= 3);

            first.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "maintenance"));
            await().atMost(PATIENCE).until(() -> events.contains("4000 maintenance"));
            await().atMost(PATIENCE).until(() -> server.connection(1) != null
                    && server.connection(1).messages().size() >= 2);
            PlayServer.Connection second = server.connection(1);
            client.send("third");
            await().atMost(PATIENCE).until(() -> second.messages().contains("third"));
            // The queue was flushed once, on the first connection: the second one restores only the subscriptions.
            assertThat(second.messages()).containsExactly(SUBSCRIBE_PRICES, SUBSCRIBE_NEWS, "third");

            client.close();
            await().atMost(PATIENCE).until(() -> second.closeCode == 1000);
            // The application's own close is reported too, with the code the server answered.
            await().atMost(PATIENCE).until(() -> events.size() == 2);
            // One connection, then another after the loss, and none after close(): one loop, stopped.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> server.connections.size() == 2);
            assertThat(events.get(0)).isEqualTo("4000 maintenance");
            assertThat(events.get(1)).startsWith("1000");
        }
    }

    @Test
    void referenceNoticesASilentServerAndReconnects() throws Exception {
        assumeChromium();
        List<String> events = new CopyOnWriteArrayList<>();
        try (PlayServer server = new PlayServer(); Disposed used = new Disposed(client("browser-reference", 11))) {
            LabClient client = used.client();
            server.silentFirstConnection = true;
            client.start(server.url(), (code, reason) -> events.add(code + " " + reason));

            // No close frame came, so the application hears 1006; the deadline is 1.5 s.
            await().atMost(PATIENCE).until(() -> events.contains("1006 "));
            await().atMost(PATIENCE).until(() -> server.connection(1) != null);
            assertThat(server.connection(1).session.isOpen()).isTrue();
        }
    }

    @Test
    void retryNowStartsAgainAfterTheClientGaveUp() throws Exception {
        assumeChromium();
        List<String> events = new CopyOnWriteArrayList<>();
        try (PlayServer server = new PlayServer(); Disposed used = new Disposed(client("browser-reference", 5))) {
            BrowserClient client = (BrowserClient) used.client();
            server.refusing = true;
            client.start(server.url(), new ClientEvents() {
                @Override
                public void closed(int code, String reason) {
                }

                @Override
                public void gaveUp() {
                    events.add("gave-up");
                }
            });
            // 8 refused attempts: the delays' ceilings add up to 250 + 500 + 1000 + 5 x 2000 ms at most.
            await().atMost(Duration.ofSeconds(12).plus(PATIENCE)).until(() -> events.contains("gave-up"));
            assertThat(server.connections).isEmpty();
            server.refusing = false;
            client.clickRetryNow();
            await().atMost(PATIENCE).until(() -> server.connection(0) != null);
        }
    }

    @Test
    void starterLoadsConnectsAndReportsTheClose() throws Exception {
        assumeChromium();
        List<String> events = new CopyOnWriteArrayList<>();
        try (PlayServer server = new PlayServer(); Disposed used = new Disposed(client("browser-starter", 3))) {
            LabClient client = used.client();
            client.start(server.url(), (code, reason) -> events.add(code + " " + reason));
            await().atMost(PATIENCE).until(() -> server.connection(0) != null);
            server.connection(0).session.close(
                    new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "maintenance"));
            await().atMost(PATIENCE).until(() -> events.contains("4000 maintenance"));
        }
    }

    /** Ends the client's tab when a test ends; close() alone leaves it, as the grader needs. */
    private record Disposed(LabClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.dispose();
        }
    }

    private static void assumeChromium() {
        assumeTrue(HeadlessChromium.unavailableReason().isEmpty(),
                () -> "skipped: " + HeadlessChromium.unavailableReason().orElse(""));
    }

    private static LabClient client(String name, long seed) {
        return LessonCatalog.load().clientImplementation("04", name).orElseThrow().newClient(wslab.api.LabEnvironment.system(seed));
    }

    /** Answers each heartbeat with the ack, as lesson 03's server does, and records each connection. */
    static final class PlayServer implements AutoCloseable {

        static final String PATH = "/lab";

        final List<Connection> connections = new CopyOnWriteArrayList<>();
        volatile boolean silentFirstConnection;
        /** While set, every handshake is refused with 403: each attempt fails at once. */
        volatile boolean refusing;
        private final Server server;
        private final int port;

        PlayServer() throws Exception {
            server = JettyServers.loopback(0);
            ServletContextHandler context = JettyServers.rootContext(server);
            ServerEndpointConfig.Configurator configurator = new ServerEndpointConfig.Configurator() {
                @Override
                public <T> T getEndpointInstance(Class<T> type) {
                    return type.cast(new Recorder(PlayServer.this));
                }

                @Override
                public boolean checkOrigin(String originHeaderValue) {
                    return !refusing;
                }
            };
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
                try {
                    container.addEndpoint(ServerEndpointConfig.Builder.create(Recorder.class, PATH)
                            .configurator(configurator).build());
                } catch (DeploymentException e) {
                    throw new IllegalStateException(e);
                }
            });
            server.start();
            port = JettyServers.boundPort(server);
        }

        URI url() {
            return URI.create("ws://127.0.0.1:" + port + PATH);
        }

        Connection connection(int index) {
            return index < connections.size() ? connections.get(index) : null;
        }

        @Override
        public void close() {
            JettyServers.stopQuietly(server);
        }

        static final class Connection {
            final Session session;
            final boolean silent;
            final List<String> received = new CopyOnWriteArrayList<>();
            volatile int closeCode = -1;

            Connection(Session session, boolean silent) {
                this.session = session;
                this.silent = silent;
            }

            List<String> all() {
                return List.copyOf(received);
            }

            List<String> messages() {
                return received.stream().filter(m -> !m.equals(ClientContract.HEARTBEAT)).toList();
            }

            long heartbeats() {
                return received.stream().filter(ClientContract.HEARTBEAT::equals).count();
            }
        }
    }

    public static final class Recorder extends Endpoint {

        private final PlayServer server;
        private PlayServer.Connection connection;

        Recorder(PlayServer server) {
            this.server = server;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            boolean silent = server.silentFirstConnection && server.connections.isEmpty();
            connection = new PlayServer.Connection(session, silent);
            server.connections.add(connection);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                connection.received.add(text);
                if (text.equals(ClientContract.HEARTBEAT) && !connection.silent) {
                    try {
                        session.getBasicRemote().sendText(ClientContract.HEARTBEAT_ACK);
                    } catch (IOException ignored) {
                        // The client is gone; its close comes next.
                    }
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            connection.closeCode = reason.getCloseCode().getCode();
        }
    }
}
