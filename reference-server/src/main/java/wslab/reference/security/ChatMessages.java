package wslab.reference.security;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import wslab.api.SecurityContract;

/**
 * Lesson 09's message parser: strict JSON (RFC 8259) in, a {@link ClientMessage} out, or
 * {@link Invalid} with the error code to answer. Strict means what a JSON parser does and an
 * {@code eval} does not: no single quotes, no bare names, no comments, no trailing data, and no
 * member given twice (two parsers must never read one message two ways). A message has exactly
 * its members: an allow-list, not a deny-list.
 */
public class ChatMessages {

    /** The one exception the parser throws: the message is refused with {@link #code()}. */
    public static final class Invalid extends Exception {
        private final String code;

        public Invalid(String code, String reason) {
            super(reason);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final Set<String> AUTH_MEMBERS = Set.of("type", "token");
    private static final Set<String> POST_MEMBERS = Set.of("type", "room", "text");

    private final ObjectMapper json = mapper();

    /** The JSON reader; a broken variant swaps in a lenient one. */
    protected ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ClientMessage parse(String text) throws Invalid {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Invalid(SecurityContract.ERROR_BAD_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(SecurityContract.ERROR_BAD_JSON, "not JSON");
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new Invalid(SecurityContract.ERROR_BAD_MESSAGE, "a message is a JSON object with a string 'type'");
        }
        String type = node.get("type").textValue();
        return switch (type) {
            case SecurityContract.AUTH -> {
                exactly(node, AUTH_MEMBERS, type);
                yield new ClientMessage.Auth(string(node, "token"));
            }
            case SecurityContract.POST -> {
                exactly(node, POST_MEMBERS, type);
                yield new ClientMessage.Post(string(node, "room"), string(node, "text"));
            }
            default -> throw new Invalid(SecurityContract.ERROR_BAD_MESSAGE, "no message type '" + type + "'");
        };
    }

    private static void exactly(JsonNode node, Set<String> members, String type) throws Invalid {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw new Invalid(SecurityContract.ERROR_BAD_MESSAGE, "a " + type + " message has no member '" + name + "'");
            }
        }
    }

    private static String string(JsonNode node, String member) throws Invalid {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual()) {
            throw new Invalid(SecurityContract.ERROR_BAD_MESSAGE, "'" + member + "' must be a string");
        }
        return value.textValue();
    }
}
