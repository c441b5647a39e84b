package wslab.checks.lesson07;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import wslab.api.ChatContract;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.wire.AcceptKeys;
import wslab.wire.Frame;
import wslab.wire.HandshakeRequest;
import wslab.wire.HttpResponseHead;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;
import wslab.wire.Transcript;

/**
 * One chat connection the suite drives: it sends the protocol's messages and records, in arrival
 * order, everything the server sends back, parsed as JSON. A reader thread of the check's
 * environment reads; waits are on a {@link Signal}, so they work on virtual time too.
 */
public final class ChatPeer implements AutoCloseable {

    /** One text message as it arrived, with when (the environment's nanoTime). */
    public record Received(long nanos, JsonNode json, String raw) {
        public String type() {
            return json == null ? "" : json.path("type").asText();
        }

        public String room() {
            return json == null ? "" : json.path("room").asText();
        }

        public long seq() {
            return json == null ? -1 : json.path("seq").asLong(-1);
        }

        public String id() {
            return json == null ? "" : json.path("id").asText();
        }
    }

    private final String name;
    private final ChatNames names;
    private final LabEnvironment env;
    private final RawConnection conn;
    private final Signal changed;
    private final Object sending = new Object();
    private final List<Received> inbox = new ArrayList<>();
    private volatile boolean ended;
    private volatile int closeCode = -1;
    private volatile String endedHow = "";

    private ChatPeer(String name, ChatNames names, LabEnvironment env, RawConnection conn) {
        this.name = name;
        this.names = names;
        this.env = env;
        this.conn = conn;
        this.changed = env.newSignal();
    }

    /**
     * Connects to {@code host:port} (the server, or a fault link in front of it), does the opening
     * handshake for {@code target} and starts reading.
     *
     * @throws IOException if the server refuses the handshake or cannot be reached
     */
    public static ChatPeer open(String name, ChatNames names, LabEnvironment env, String host, int port, URI target,
                                int timeoutMillis, Transcript transcript, Random random) throws IOException {
        RawConnection conn = RawConnection.open(env, host, port, timeoutMillis, transcript, random);
        try {
            String key = AcceptKeys.newKey(random);
            conn.send(HandshakeRequest.valid(target, key));
            Optional<HttpResponseHead> head = conn.readResponse();
            if (head.isEmpty() || head.get().status() != 101) {
                throw new IOException("the server answered the opening handshake with "
                        + head.map(HttpResponseHead::statusLine).orElse("a TCP close"));
            }
            conn.timeout(0);
        } catch (IOException e) {
            conn.close();
            throw e;
        }
        ChatPeer peer = new ChatPeer(name, names, env, conn);
        env.startThread("wslab-chat-" + name, peer::read);
        return peer;
    }

    private void read() {
        try {
            while (true) {
                Optional<Frame> f = conn.readFrame();
                if (f.isEmpty()) {
                    end("the server closed the TCP connection");
                    return;
                }
                Frame frame = f.get();
                switch (frame.opcode()) {
                    case Opcode.TEXT -> {
                        String text = frame.payloadText();
                        record(new Received(env.nanoTime(), ChatContract.parse(text).map(names::asWritten).orElse(null), text));
                    }
                    case Opcode.PING -> send(Frame.of(Opcode.PONG, frame.payload()));
                    case Opcode.CLOSE -> {
                        closeCode = frame.payload().length >= 2 ? frame.closeCode() : 1005;
                        end("the server closed with " + closeCode);
                        return;
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            end("the connection failed: " + e.getMessage());
        }
    }

    private void record(Received r) {
        synchronized (this) {
            inbox.add(r);
        }
        changed.signalAll();
    }

    private void end(String how) {
        endedHow = how;
        ended = true;
        changed.signalAll();
    }

    public String name() {
        return name;
    }

    // ---- sending ------------------------------------------------------------------------------

    public void join(String room, String client) throws IOException {
        sendText(ChatContract.join(names.room(room), names.client(client)));
    }

    public void join(String room, String client, long since) throws IOException {
        sendText(ChatContract.join(names.room(room), names.client(client), since));
    }

    public void send(String room, String id, String text) throws IOException {
        sendText(ChatContract.send(names.room(room), id, text));
    }

    public void leave(String room) throws IOException {
        sendText(ChatContract.leave(names.room(room)));
    }

    /** {@code room} as the server knows it (see {@link ChatNames}), for a message the check builds itself. */
    public String room(String room) {
        return names.room(room);
    }

    /** Sent as it is: a message built with {@link #room(String)}, or one that is wrong on purpose. */
    public void sendText(String text) throws IOException {
        send(Frame.of(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends from the check's thread and pongs from the reader must not interleave on the wire. */
    public void send(Frame frame) throws IOException {
        synchronized (sending) {
            conn.send(frame);
        }
    }

    /** Ends the connection with RST, as a crash or a cut cable would look to the server. */
    public void cut() {
        conn.reset();
    }

    // ---- what arrived -------------------------------------------------------------------------

    public synchronized List<Received> received() {
        return List.copyOf(inbox);
    }

    public List<Received> ofType(String type) {
        return received().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The broadcast messages of {@code room}, in arrival order. */
    public List<Received> messages(String room) {
        return received().stream().filter(r -> r.type().equals("message") && r.room().equals(room)).toList();
    }

    public List<Long> seqs(String room) {
        return messages(room).stream().map(Received::seq).toList();
    }

    public List<Received> acks(String id) {
        return received().stream().filter(r -> r.type().equals("ack") && r.id().equals(id)).toList();
    }

    public Optional<Received> first(String type, String room) {
        return received().stream().filter(r -> r.type().equals(type) && r.room().equals(room)).findFirst();
    }

    public boolean ended() {
        return ended;
    }

    public int closeCode() {
        return closeCode;
    }

    public String endedHow() {
        return endedHow;
    }

    /** Waits until {@code condition} holds (or the connection ends), at most {@code millis}. */
    public boolean await(Predicate<ChatPeer> condition, long millis) throws InterruptedException {
        changed.await(() -> condition.test(this) || ended, Duration.ofMillis(Math.max(0, millis)));
        return condition.test(this);
    }

    /** Waits for the answer to a join: {@code joined} or {@code cannot-recover}. */
    public Optional<Received> awaitJoinAnswer(String room, long millis) throws InterruptedException {
        await(p -> p.joinAnswer(room).isPresent(), millis);
        return joinAnswer(room);
    }

    private Optional<Received> joinAnswer(String room) {
        return received().stream().filter(r -> r.room().equals(room)
                && (r.type().equals("joined") || r.type().equals("cannot-recover"))).findFirst();
    }

    /** A short account of what arrived, for a failure: "joined, message seq 1, ack m-1 seq 1, ...". */
    public String describe() {
        List<Received> all = received();
        List<String> each = new ArrayList<>();
        for (Received r : all.subList(0, Math.min(all.size(), 12))) {
            each.add(r.json == null ? "a non-JSON text '" + preview(r.raw()) + "'" : preview(r.raw()));
        }
        String more = all.size() > 12 ? " and " + (all.size() - 12) + " more" : "";
        String end = ended ? "; then " + endedHow : "";
        return (all.isEmpty() ? "nothing" : String.join(", ", each) + more) + end;
    }

    /** A long message cut to its start and a count, so a failure stays readable. */
    static String preview(String text) {
        return text.length() <= 160 ? text : text.substring(0, 120) + "…(+" + (text.length() - 120) + " more characters)";
    }

    @Override
    public void close() {
        conn.close();
    }
}
