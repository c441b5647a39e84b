package wslab.reference.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import wslab.api.ChatContract;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;
import wslab.reference.frames.FrameReader;
import wslab.reference.frames.ProtocolException;

/**
 * One chat connection: lesson 02's frame layer underneath, the chat protocol on top. A message
 * over {@link ChatContract#MAX_MESSAGE_BYTES} fails the connection with 1009 as soon as its size
 * is known, before anything of it is stored; the connection leaves its rooms before the close
 * frame goes out, so no broadcast follows it.
 */
public class ChatSession extends EchoSession implements Member {

    private static final int OPCODE_TEXT = 0x1;

    private final ChatRooms rooms;
    private final Set<String> joined = new LinkedHashSet<>();
    private String client;
    /** Bytes of the message being assembled, across its fragments. */
    private long assembling;

    public ChatSession(InputStream in, OutputStream out, ChatRooms rooms) {
        super(in, out);
        this.rooms = rooms;
    }

    /** The largest message this session accepts. */
    protected int maxMessageBytes() {
        return ChatContract.MAX_MESSAGE_BYTES;
    }

    @Override
    protected FrameReader newReader(InputStream in) {
        // One frame over the limit fails before its payload is read.
        return new FrameReader(in, Math.max(maxMessageBytes(), 125)) {
            @Override
            public Optional<Frame> next() throws IOException, ProtocolException {
                try {
                    return super.next();
                } catch (ProtocolException e) {
                    leaveAll();
                    throw e;
                }
            }
        };
    }

    @Override
    public void run() throws IOException {
        try {
            super.run();
        } finally {
            leaveAll();
        }
    }

    @Override
    protected void append(Frame f) throws IOException, ProtocolException {
        assembling += f.payload().length;
        if (assembling > maxMessageBytes()) {
            leaveAll();
            throw new ProtocolException(ChatContract.CLOSE_TOO_BIG, "message over " + maxMessageBytes() + " bytes");
        }
        if (f.fin()) {
            assembling = 0;
        }
        try {
            super.append(f);
        } catch (ProtocolException e) {
            leaveAll();
            throw e;
        }
    }

    @Override
    protected void answerClose(byte[] payload) throws IOException, ProtocolException {
        leaveAll();
        super.answerClose(payload);
    }

    @Override
    protected void onMessage(int opcode, byte[] message) throws IOException {
        if (opcode != OPCODE_TEXT) {
            deliver(ChatContract.error("chat messages are JSON text frames"));
            return;
        }
        Optional<JsonNode> parsed = ChatContract.parse(new String(message, StandardCharsets.UTF_8));
        if (parsed.isEmpty()) {
            deliver(ChatContract.error("not a JSON object"));
            return;
        }
        JsonNode m = parsed.get();
        String room = m.path("room").textValue();
        switch (m.path("type").asText()) {
            case "join" -> join(m, room);
            case "send" -> send(m, room);
            case "leave" -> leave(room);
            default -> deliver(ChatContract.error("unknown type '" + m.path("type").asText() + "'"));
        }
    }

    private void join(JsonNode m, String room) throws IOException {
        String who = m.path("client").textValue();
        JsonNode since = m.path("since");
        if (room == null || who == null || who.isEmpty() || (!since.isMissingNode() && !since.canConvertToLong())
                || since.asLong(0) < 0) {
            deliver(ChatContract.error("a join needs a room, a client id and, if it has one, a since >= 0"));
            return;
        }
        if (client != null && !client.equals(who)) {
            deliver(ChatContract.error("this connection is client " + client));
            return;
        }
        client = who;
        OptionalLong from = since.isMissingNode() ? OptionalLong.empty() : OptionalLong.of(since.asLong());
        if (rooms.join(room, this, from) == ChatRooms.Joined.JOINED) {
            joined.add(room);
        }
    }

    private void send(JsonNode m, String room) throws IOException {
        String id = m.path("id").textValue();
        String text = m.path("text").textValue();
        if (room == null || id == null || text == null) {
            deliver(ChatContract.error("a send needs a room, an id and a text"));
            return;
        }
        if (!joined.contains(room)) {
            deliver(ChatContract.error("join room " + room + " before sending to it"));
            return;
        }
        take(room, id, text);
    }

    /** Stores (or recognises) the message, then acknowledges it: the ack comes after the store, never before. */
    protected void take(String room, String id, String text) throws IOException {
        acknowledge(room, id, rooms.send(room, this, id, text));
    }

    /** The ack: sent once the message is stored, with its seq (a resend gets the first seq again). */
    protected void acknowledge(String room, String id, long seq) throws IOException {
        deliver(ChatContract.ack(room, id, seq));
    }

    protected void leave(String room) throws IOException {
        if (room != null && joined.remove(room)) {
            rooms.leave(room, this);
        }
        deliver(ChatContract.left(room == null ? "" : room));
    }

    private void leaveAll() {
        for (String room : List.copyOf(joined)) {
            rooms.leave(room, this);
        }
        joined.clear();
    }

    @Override
    public String client() {
        return client;
    }

    @Override
    public void deliver(String text) throws IOException {
        writer().write(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    protected final ChatRooms rooms() {
        return rooms;
    }
}
