package wslab.checks.lesson07;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import wslab.grader.CheckContext;

/**
 * The room names and client ids of one check, as the server sees them. On a server of the
 * check's own they are the names the check uses. On a server every check meets (a URL) each name
 * gets a suffix of this check's, so one check's rooms, seqs and (client, id) pairs are not
 * another's: a correct server remembers them all, and would rightly take a later check's
 * {@code alice}/{@code m-1} for a resend.
 */
public record ChatNames(String suffix) {

    private static final SecureRandom FRESH = new SecureRandom();
    private static final Map<CheckContext, ChatNames> OF_CHECK = new WeakHashMap<>();

    /** The names as the check wrote them. */
    public static final ChatNames AS_WRITTEN = new ChatNames("");

    /**
     * A suffix no earlier grade used: drawn fresh, not from the seed, so grading the same server
     * again with the same --seed meets none of the first grade's rooms.
     */
    public static ChatNames fresh() {
        byte[] b = new byte[4];
        FRESH.nextBytes(b);
        return new ChatNames("-" + HexFormat.of().formatHex(b));
    }

    /** One check's names, whichever of its rigs asks: its clients must meet in the same rooms. */
    public static synchronized ChatNames of(CheckContext ctx) {
        return OF_CHECK.computeIfAbsent(ctx, c -> {
            ChatNames n = c.serverSharedWithOtherChecks() ? fresh() : AS_WRITTEN;
            if (!n.suffix().isEmpty()) {
                c.transcript().note("every check meets this server, so this check's rooms and client ids end in '" + n.suffix()
                        + "' on the wire (the transcript shows them as the server sees them)");
            }
            return n;
        });
    }

    public String room(String room) {
        return room + suffix;
    }

    public String client(String client) {
        return client + suffix;
    }

    /** A message from the server with its room and client back as the check wrote them. */
    JsonNode asWritten(JsonNode message) {
        if (suffix.isEmpty() || !(message instanceof ObjectNode o)) {
            return message;
        }
        ObjectNode copy = o.deepCopy();
        for (String member : new String[] {"room", "client"}) {
            JsonNode v = copy.get(member);
            if (v != null && v.isTextual() && v.asText().endsWith(suffix)) {
                copy.put(member, v.asText().substring(0, v.asText().length() - suffix.length()));
            }
        }
        return copy;
    }
}
