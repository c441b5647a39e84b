package wslab.api;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lessons 07 and 14: the chat protocol (version 1), in numbers and messages. The references, the
 * starters and the checks read them from here; the lessons' READMEs give the same numbers (a test
 * compares). Every message is a JSON object in one text frame, told apart by its {@code type}.
 *
 * <pre>
 * client                                   server
 *   join {room, client[, since]}  ───────▶
 *                                 ◀───────  joined {room, latest}, then seq since+1 .. latest, then live
 *                                 ◀───────  or: cannot-recover {room, since, oldest, latest}
 *   send {room, id, text}         ───────▶  (the server stores it, then:)
 *                                 ◀───────  ack {room, id, seq}
 *                                 ◀───────  message {room, seq, client, id, text}   to every member
 *   leave {room}                  ───────▶
 *                                 ◀───────  left {room}
 * </pre>
 */
public final class ChatContract {

    /** The protocol version the READMEs describe. */
    public static final int VERSION = 1;
    /** The reference servers' endpoint. */
    public static final String PATH = "/chat";
    /**
     * The largest message, in bytes of the WebSocket message's payload, a server accepts. One byte
     * more and it closes the connection with {@link #CLOSE_TOO_BIG}, without storing the message.
     */
    public static final int MAX_MESSAGE_BYTES = 4096;
    /** RFC 6455 §7.4.1: "a message that is too big for it to process". */
    public static final int CLOSE_TOO_BIG = 1009;
    /**
     * How many of a room's latest messages the server keeps for replay (and for recognising a resent
     * id). A client whose {@code since} is older than that gets {@code cannot-recover}.
     */
    public static final int HISTORY_PER_ROOM = 1000;
    /** While one client floods a room, a message to another room is acknowledged within this. */
    public static final Duration OTHER_ROOM_ACK_BOUND = Duration.ofMillis(500);
    /** How many messages the flood of 07.9 sends, back to back. */
    public static final int FLOOD_MESSAGES = 2000;

    /**
     * Lesson 07c, the client: a message with no ack this long after it was sent on an open
     * connection is sent again, with the same id (the server's dedupe makes that safe).
     */
    public static final Duration RESEND_AFTER = Duration.ofMillis(2000);

    private ChatContract() {
    }

    // ---- client to server -------------------------------------------------------------------

    /** {@code {"type":"join","room":"r","client":"c"}}: live messages only, from now on. */
    public static String join(String room, String client) {
        return object("join").put("room", room).put("client", client).toString();
    }

    /** {@code {"type":"join","room":"r","client":"c","since":42}}: replay every message after seq 42 first. */
    public static String join(String room, String client, long since) {
        return object("join").put("room", room).put("client", client).put("since", since).toString();
    }

    public static String send(String room, String id, String text) {
        return object("send").put("room", room).put("id", id).put("text", text).toString();
    }

    public static String leave(String room) {
        return object("leave").put("room", room).toString();
    }

    // ---- server to client -------------------------------------------------------------------

    public static String joined(String room, long latest) {
        return object("joined").put("room", room).put("latest", latest).toString();
    }

    /** {@code oldest} is the oldest seq still kept ({@code latest + 1} when the room keeps none). */
    public static String cannotRecover(String room, long since, long oldest, long latest) {
        return object("cannot-recover").put("room", room).put("since", since).put("oldest", oldest).put("latest", latest)
                .toString();
    }

    public static String ack(String room, String id, long seq) {
        return object("ack").put("room", room).put("id", id).put("seq", seq).toString();
    }

    public static String message(String room, long seq, String client, String id, String text) {
        return object("message").put("room", room).put("seq", seq).put("client", client).put("id", id).put("text", text)
                .toString();
    }

    public static String left(String room) {
        return object("left").put("room", room).toString();
    }

    public static String error(String reason) {
        return object("error").put("reason", reason).toString();
    }

    /**
     * Whether a join's {@code since} can be answered from a room that keeps seqs {@code oldest ..
     * latest}: the client has seen everything before {@code oldest}, and nothing the room never had.
     */
    public static boolean recoverable(long since, long oldest, long latest) {
        return since >= oldest - 1 && since <= latest;
    }

    /** A text message as a JSON object, if it is one. */
    public static Optional<JsonNode> parse(String text) {
        return JsonMessages.parse(text).filter(JsonNode::isObject);
    }

    /** The {@code type} of a message, if it is a JSON object with a string {@code type}. */
    public static Optional<String> type(String text) {
        return parse(text).map(n -> n.path("type")).filter(JsonNode::isTextual).map(JsonNode::textValue);
    }

    private static ObjectNode object(String type) {
        return JsonMessages.JSON.createObjectNode().put("type", type);
    }
}
