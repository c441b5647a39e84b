package wslab.reference.chat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import wslab.api.ChatContract;
import wslab.api.ChatEvents;
import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.reference.reconnect.Backoff;

/**
 * Lesson 07c's reference: the client half of the chat protocol. Every message gets an id of this
 * client's and stays pending until its ack; pending messages are sent again, with the same ids,
 * after every reconnect (once the rooms are rejoined) and after {@link ChatContract#RESEND_AFTER}
 * on a live connection. Each room is rejoined with the last seq delivered in order; arrivals
 * ahead of it wait in a buffer, repeats are dropped, and a cannot-recover is told to the
 * application before the client takes what the room still keeps. Reconnects back off as lesson 04
 * says. Everything runs on one loop, so no state needs a lock.
 *
 * <p>{@link #subscribe} joins a room; {@link #send} posts to the room joined last.
 */
public class ChatClient implements LabClient {

    private static final int CLOSE_NORMAL = 1000;
    private static final Duration RESEND_TICK = Duration.ofMillis(100);

    /** One room as this client knows it. */
    private static final class Room {
        /** The last seq delivered in order; -1 until the first join answers. */
        long delivered = -1;
        final TreeMap<Long, JsonNode> early = new TreeMap<>();
    }

    /** A message waiting for its ack. */
    protected static final class Pending {
        final String room;
        final String text;
        /** When it was last sent on an open connection; -1 while it waits for one. */
        long sentNanos = -1;

        Pending(String room, String text) {
            this.room = room;
            this.text = text;
        }
    }

    private final LabEnvironment env;
    private final EventLoop loop;
    private final Backoff backoff;
    private final String clientId;
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private URI url;
    private ChatEvents events;
    private ClientWebSocket socket;
    private boolean open;
    private boolean closed;
    private int failures;
    private long nextId;
    private String lastRoom;

    public ChatClient(LabEnvironment env) {
        this.env = env;
        this.loop = env.newLoop("chat-client");
        this.backoff = new Backoff(env.random());
        // Random per client: ids must not collide with another client's, or with this one's after a restart.
        this.clientId = "c-" + Long.toHexString(env.random().nextLong());
    }

    @Override
    public void start(URI url, ClientEvents events) {
        loop.execute(() -> {
            this.url = url;
            this.events = events instanceof ChatEvents c ? c : new Silent(events);
            loop.every(RESEND_TICK, this::resendOverdue);
            connect();
        });
    }

    @Override
    public void subscribe(String room) {
        loop.execute(() -> {
            lastRoom = room;
            if (!rooms.containsKey(room)) {
                rooms.put(room, new Room());
                if (open) {
                    join(room);
                }
            }
        });
    }

    @Override
    public void send(String text) {
        loop.execute(() -> {
            if (lastRoom == null) {
                return;
            }
            String id = newId();
            Pending p = new Pending(lastRoom, text);
            pending.put(id, p);
            if (open) {
                transmit(id, p);
            }
        });
    }

    @Override
    public void close() {
        loop.execute(() -> {
            closed = true;
            if (socket != null) {
                if (open) {
                    socket.close(CLOSE_NORMAL, "");
                } else {
                    socket.abort();
                }
            }
        });
    }

    @Override
    public void dispose() {
        close();
        loop.execute(loop::shutdown);
    }

    // ---- the rules, one method each, so a broken variant can replace one --------------------------

    /** A fresh id: this client's id and a counter. */
    protected String newId() {
        return clientId + "-" + (++nextId);
    }

    /** Sends a pending message and notes when. */
    protected void transmit(String id, Pending p) {
        stamp(p);
        sendText(ChatContract.send(p.room, id, p.text));
    }

    /** Notes when a pending message went out: what the resend timer measures from. */
    protected void stamp(Pending p) {
        p.sentNanos = env.nanoTime();
    }

    /** The id a pending message is sent again under: its own, always. */
    protected String resendId(String id) {
        return id;
    }

    /** Whether a message ahead of the next seq waits for the gap to fill (it must), rather than being dropped. */
    protected boolean buffersEarlyArrivals() {
        return true;
    }

    protected final void sendText(String text) {
        socket.sendText(text);
    }

    /** After a reconnect and the rejoins: every pending message again, same ids, in the order first sent. */
    protected void resendPending() {
        for (var e : List.copyOf(pending.entrySet())) {
            transmit(resendId(e.getKey()), e.getValue());
        }
    }

    /** On a live connection, a message whose ack is overdue goes again. */
    protected void resendOverdue() {
        if (!open) {
            return;
        }
        long now = env.nanoTime();
        for (var e : List.copyOf(pending.entrySet())) {
            if (e.getValue().sentNanos >= 0 && now - e.getValue().sentNanos >= ChatContract.RESEND_AFTER.toNanos()) {
                transmit(e.getKey(), e.getValue());
            }
        }
    }

    /** The ack ends a message's wait. */
    protected void acknowledged(String id) {
        pending.remove(id);
    }

    /** The client id its joins give. */
    protected final String clientId() {
        return clientId;
    }

    /** Joins with the last seq delivered in order, or live only the first time. */
    protected void join(String name) {
        Room r = rooms.get(name);
        sendText(r.delivered < 0 ? ChatContract.join(name, clientId) : ChatContract.join(name, clientId, r.delivered));
    }

    /** A message arrives: delivered if it is the next one, buffered if early, dropped if seen. */
    protected void arrived(String name, JsonNode m) {
        Room r = rooms.get(name);
        long seq = m.path("seq").asLong();
        if (r == null || r.delivered < 0 || seq <= r.delivered || (seq > r.delivered + 1 && !buffersEarlyArrivals())) {
            return;
        }
        r.early.put(seq, m);
        while (r.early.containsKey(r.delivered + 1)) {
            JsonNode next = r.early.remove(r.delivered + 1);
            r.delivered++;
            events.delivered(name, r.delivered, next.path("client").asText(), next.path("id").asText(),
                    next.path("text").asText());
        }
    }

    /** The room cannot give what followed our seq: say so, then take what it keeps. */
    protected void cannotRecover(String name, long oldest, long latest) {
        Room r = rooms.get(name);
        if (r == null) {
            return;
        }
        events.cannotRecover(name, oldest, latest);
        r.delivered = Math.max(0, oldest - 1);
        r.early.clear();
        join(name);
    }

    // ---- the connection --------------------------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        socket = env.openWebSocket(url, loop, new Connection());
    }

    private void lost(ClientWebSocket ws) {
        if (ws != socket) {
            return;
        }
        boolean wasOpen = open;
        open = false;
        if (closed) {
            return;
        }
        failures = wasOpen ? 1 : failures + 1;
        loop.schedule(backoff.delayBefore(Math.min(failures, 4)), this::connect);
    }

    /** Callbacks of one connection attempt; those of an abandoned one are ignored. */
    private final class Connection implements ClientWebSocket.Listener {

        @Override
        public void onOpen(ClientWebSocket ws) {
            if (ws != socket) {
                ws.abort();
                return;
            }
            if (closed) {
                ws.close(CLOSE_NORMAL, "");
                return;
            }
            open = true;
            for (String room : rooms.keySet()) {
                join(room);
            }
            resendPending();
        }

        @Override
        public void onText(ClientWebSocket ws, String text) {
            if (ws != socket) {
                return;
            }
            JsonNode m = ChatContract.parse(text).orElse(null);
            if (m == null) {
                return;
            }
            String room = m.path("room").asText();
            switch (m.path("type").asText()) {
                case "ack" -> acknowledged(m.path("id").asText());
                case "message" -> arrived(room, m);
                case "joined" -> {
                    Room r = rooms.get(room);
                    if (r != null && r.delivered < 0) {
                        r.delivered = m.path("latest").asLong();
                    }
                }
                case "cannot-recover" -> cannotRecover(room, m.path("oldest").asLong(), m.path("latest").asLong());
                default -> { }
            }
        }

        @Override
        public void onClose(ClientWebSocket ws, int code, String reason) {
            if (ws == socket && events != null && open) {
                events.closed(code, reason);
            }
            lost(ws);
        }
    }

    /** For an application that did not ask for chat events. */
    private record Silent(ClientEvents inner) implements ChatEvents {
        @Override
        public void closed(int code, String reason) {
            inner.closed(code, reason);
        }

        @Override
        public void delivered(String room, long seq, String client, String id, String text) {
        }
    }

    /** Publishes the client as lesson 07c's reference. */
    public static final class Reference extends ClientRegistration {
        public Reference() {
            super("07c", "reference", ChatClient::new);
        }
    }
}
