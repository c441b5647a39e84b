package wslab.checks.lesson04;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contract's messages are JSON: a client that writes {@code {"type": "subscribe", "topic": "news"}}
 * (Python's json.dumps) or puts the keys in another order sends the same message. Compared as JSON
 * values; text that is not JSON (the application's own messages) is compared as text.
 */
final class Messages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    static boolean same(String expected, String actual) {
        Optional<JsonNode> e = parse(expected);
        Optional<JsonNode> a = parse(actual);
        return e.isPresent() && a.isPresent() ? e.get().equals(a.get()) : expected.equals(actual);
    }

    static boolean same(List<String> expected, List<String> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!same(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<JsonNode> parse(String text) {
        String t = text.trim();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(t));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
