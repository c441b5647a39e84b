package wslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** ./wslab fuzz: bad arguments get one line and the hint to --help; a run ends with its count. */
class FuzzCommandTest {

    @Test
    void anUnknownParserIsOneLineAndAHint() {
        CommandLineTest.Run r = CommandLineTest.run("fuzz", "--parser", "json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("wslab: --parser is frames, handshake or messages, not 'json'",
                "Try 'wslab fuzz --help' for usage.");
    }

    @Test
    void secondsOutOfRangeAreRefused() {
        CommandLineTest.Run r = CommandLineTest.run("fuzz", "--seconds", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("wslab: --seconds must be between 1 and 86400, not 0");
        CommandLineTest.assertNoStackTrace(r);
    }

    @Test
    void aRunEndsWithTheCountOfInputsCrashesAndHangs() throws Exception {
        PrintStream before = Main.OUT;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int exit = FuzzCommand.run(capture, 1, "messages", 7L);
            assertThat(exit).isZero();
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[lines.length - 1]).matches("inputs [1-9][0-9]*, crashes 0, hangs 0");
        assertThat(before).isSameAs(Main.OUT);
    }
}
