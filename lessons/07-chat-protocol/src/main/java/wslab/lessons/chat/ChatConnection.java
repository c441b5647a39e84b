package wslab.lessons.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import wslab.api.ChatContract;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;
import wslab.reference.frames.ProtocolException;

/**
 * One connection: reads the protocol's messages and hands them to the rooms. Given: parsing,
 * join and send with their acks. Yours: the size limit and leave.
 */
public class ChatConnection extends EchoSession {

    private static final int OPCODE_TEXT = 0x1;

    private final Rooms rooms;
    private final Set<String> joined = new LinkedHashSet<>();
    private volatile String client;

    public ChatConnection(InputStream in, OutputStream out, Rooms rooms) {
        super(in, out);
        this.rooms = rooms;
    }

    @Override
    public void run() throws IOException {
        try {
            super.run();
        } finally {
            leaveAll();
        }
    }

    /**
     * Every data frame, before it joins its message.
     *
     * <p>TODO(07.10): count the bytes of the message being assembled (fragments add up); once they pass
     * ChatContract.MAX_MESSAGE_BYTES, leave every room (so no broadcast follows the close) and
     * {@code throw new ProtocolException(ChatContract.CLOSE_TOO_BIG, "...")}: the frame layer then
     * closes with 1009. Nothing of the message may be stored.
     */
    @Override
    protected void append(Frame f) throws IOException, ProtocolException {
        super.append(f);
    }

    @Override
    protected void onMessage(int opcode, byte[] message) throws IOException {
        JsonNode m = opcode == OPCODE_TEXT
                ? ChatContract.parse(new String(message, StandardCharsets.UTF_8)).orElse(null) : null;
        if (m == null) {
            deliver(ChatContract.error("chat messages are JSON objects in text frames"));
            return;
        }
        String room = m.path("room").textValue();
        switch (m.path("type").asText()) {
            case "join" -> {
                client = m.path("client").textValue();
                OptionalLong since = m.has("since") ? OptionalLong.of(m.path("since").asLong()) : OptionalLong.empty();
                if (rooms.get(room).join(this, since)) {
                    joined.add(room);
                }
            }
            case "send" -> {
                String id = m.path("id").textValue();
                long seq = rooms.get(room).send(this, id, m.path("text").textValue());
                deliver(ChatContract.ack(room, id, seq));
            }
            // TODO(07.11): "leave": stop being a member of the room, then answer ChatContract.left(room).
            default -> deliver(ChatContract.error("unknown type " + m.path("type")));
        }
    }

    private void leaveAll() {
        for (String room : joined) {
            rooms.get(room).leave(this);
        }
        joined.clear();
    }

    /** The client id this connection's join gave. */
    public String client() {
        return client;
    }

    /** Writes one text message; frames from several threads never interleave. */
    public void deliver(String text) throws IOException {
        writer().write(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }
}
