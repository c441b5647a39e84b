package wslab.api;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The lessons' messages are JSON: compared as JSON values (any spacing, any key order), built by Jackson. */
final class JsonMessages {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonMessages() {
    }

    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code text} is a JSON object whose {@code type} is {@code type}. Other members are
     * allowed and ignored, as a reader of a JSON protocol ignores fields it does not know: a server
     * may stamp its acks with a time, a client its heartbeats with a counter.
     */
    static boolean isOfType(String text, String type) {
        return parse(text).filter(JsonNode::isObject)
                .filter(n -> n.path("type").isTextual() && n.path("type").asText().equals(type))
                .isPresent();
    }

    static String bare(String type) {
        return JSON.createObjectNode().put("type", type).toString();
    }
}
