package wslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ./wslab soak: wrong arguments get one clear line, never a stack trace. */
class SoakCommandTest {

    @Test
    void onlyTheChatLessonCanBeSoaked() {
        CommandLineTest.Run r = CommandLineTest.run("soak", "03");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).contains("soak runs lesson 07"));
        CommandLineTest.assertNoStackTrace(r);
    }

    @Test
    void fewerMessagesThanClientsIsRefused() {
        CommandLineTest.Run r = CommandLineTest.run("soak", "07", "--clients", "10", "--messages", "5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--messages must be at least --clients (10), not 5");
        CommandLineTest.assertNoStackTrace(r);
    }

    @Test
    void aTargetThatIsNotAWebSocketUrlIsRefused() {
        CommandLineTest.Run r = CommandLineTest.run("soak", "07", "--target", "http://127.0.0.1/chat");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--target must look like ws://host:port/path");
        CommandLineTest.assertNoStackTrace(r);
    }
}
