package wslab.checks.lesson09;

import com.fasterxml.jackson.databind.ObjectMapper;
import wslab.api.SecurityContract;

/** Messages a check waits for, as JSON to compare by value; html is judged on its own (check 09.36). */
final class Expected {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Expected() {
    }

    /** {@code {"type":"message","room":...,"from":...,"text":...}}: any html is allowed here. */
    static String message(String room, String from, String text) {
        return JSON.createObjectNode().put("type", SecurityContract.MESSAGE).put("room", room).put("from", from).put("text", text)
                .toString();
    }
}
