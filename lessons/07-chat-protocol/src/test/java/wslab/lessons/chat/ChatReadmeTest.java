package wslab.lessons.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import wslab.api.ChatContract;

/** The README's protocol table gives ChatContract's numbers, so a client written from it in any language is graded fairly. */
class ChatReadmeTest {

    static final Map<String, String> NUMBERS = Map.of(
            "MAX_MESSAGE_BYTES", ChatContract.MAX_MESSAGE_BYTES + " bytes",
            "CLOSE_TOO_BIG", Integer.toString(ChatContract.CLOSE_TOO_BIG),
            "HISTORY_PER_ROOM", ChatContract.HISTORY_PER_ROOM + " messages",
            "OTHER_ROOM_ACK_BOUND", ChatContract.OTHER_ROOM_ACK_BOUND.toMillis() + " ms",
            "FLOOD_MESSAGES", ChatContract.FLOOD_MESSAGES + " messages");

    @Test
    void theProtocolTableStatesEveryNumberOfTheContract() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        for (var n : NUMBERS.entrySet()) {
            List<String> rows = lines.stream().filter(l -> l.startsWith("|") && l.contains("`" + n.getKey() + "`")).toList();
            assertThat(rows).as("a table row naming `%s`", n.getKey()).hasSize(1);
            assertThat(rows.get(0)).as("the row of %s", n.getKey()).contains(" " + n.getValue());
        }
    }

    @Test
    void theChecksTitlesQuoteTheContract() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("4096 bytes").contains("4097").contains("1009").contains("500 ms").contains("2000 messages");
    }
}
