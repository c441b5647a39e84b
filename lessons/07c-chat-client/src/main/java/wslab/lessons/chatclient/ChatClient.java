package wslab.lessons.chatclient;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import wslab.api.ChatContract;
import wslab.api.ChatEvents;
import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;

/**
 * Lesson 07c starter: a chat client on the lesson 07 protocol. Given: one event loop for all
 * state, the connection and a plain reconnect, join and send with ids. Yours: the TODOs, each
 * naming its check. Everything runs on {@link #loop}: no locks needed.
 *
 * <p>{@link #subscribe} joins a room; {@link #send} posts to the room joined last.
 */
public class ChatClient implements LabClient {

    protected final LabEnvironment env;
    protected final EventLoop loop;
    protected final String clientId;
    private final Map<String, Long> rooms = new LinkedHashMap<>();
    /** Sent and not yet acknowledged, by id: the text and its room. */
    protected final LinkedHashMap<String, String[]> pending = new LinkedHashMap<>();
    private URI url;
    private ChatEvents events;
    private ClientWebSocket socket;
    private boolean open;
    private boolean closed;
    private long nextId;
    private String lastRoom;

    public ChatClient(LabEnvironment env) {
        this.env = env;
        this.loop = env.newLoop("chat-client");
        this.clientId = "c-" + Long.toHexString(env.random().nextLong());
    }

    @Override
    public void start(URI url, ClientEvents events) {
        loop.execute(() -> {
            this.url = url;
            this.events = (ChatEvents) events;
            // TODO(07c.3): every 100 ms, send again (same id) each pending message that has had no ack
            // for ChatContract.RESEND_AFTER on the open connection. Remember when you sent it.
            connect();
        });
    }

    @Override
    public void subscribe(String room) {
        loop.execute(() -> {
            lastRoom = room;
            if (!rooms.containsKey(room)) {
                rooms.put(room, -1L);
                if (open) {
                    socket.sendText(ChatContract.join(room, clientId));
                }
            }
        });
    }

    @Override
    public void send(String text) {
        loop.execute(() -> {
            String id = clientId + "-" + (++nextId);
            pending.put(id, new String[] {lastRoom, text});
            if (open) {
                socket.sendText(ChatContract.send(lastRoom, id, text));
            }
        });
    }

    @Override
    public void close() {
        loop.execute(() -> {
            closed = true;
            if (socket != null) {
                socket.close(1000, "");
            }
        });
    }

    @Override
    public void dispose() {
        close();
        loop.execute(loop::shutdown);
    }

    private void connect() {
        if (!closed) {
            socket = env.openWebSocket(url, loop, new Connection());
        }
    }

    private final class Connection implements ClientWebSocket.Listener {
        @Override
        public void onOpen(ClientWebSocket ws) {
            open = true;
            for (String room : rooms.keySet()) {
                // TODO(07c.4): after a reconnect, join with since = the last seq you delivered in order.
                ws.sendText(ChatContract.join(room, clientId));
            }
            // TODO(07c.2): then send every pending message again, same ids, in the order first sent.
        }

        @Override
        public void onText(ClientWebSocket ws, String text) {
            JsonNode m = ChatContract.parse(text).orElse(null);
            if (m == null) {
                return;
            }
            String room = m.path("room").asText();
            switch (m.path("type").asText()) {
                case "ack" -> pending.remove(m.path("id").asText());
                case "joined" -> rooms.put(room, m.path("latest").asLong());
                case "message" -> {
                    // TODO(07c.5): deliver seqs in order, each once: hold an early one until the gap
                    // before it is filled, drop one you already delivered. This delivers whatever comes.
                    long seq = m.path("seq").asLong();
                    rooms.put(room, seq);
                    events.delivered(room, seq, m.path("client").asText(), m.path("id").asText(), m.path("text").asText());
                }
                // TODO(07c.6): "cannot-recover": tell the application (events.cannotRecover), then join
                // again with since = oldest - 1.
                default -> { }
            }
        }

        @Override
        public void onClose(ClientWebSocket ws, int code, String reason) {
            open = false;
            if (!closed) {
                // Lesson 04 does this properly (backoff with full jitter); a fixed pause is enough here.
                loop.schedule(Duration.ofMillis(200), ChatClient.this::connect);
            }
        }
    }

    /** Lets {@code ./wslab grade 07c} find this starter. */
    public static final class Starter extends ClientRegistration {
        public Starter() {
            super("07c", "starter", ChatClient::new);
        }
    }
}
