package wslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Wrong arguments get one clear line and a usage hint, never a stack trace. */
class CommandLineTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static void assertNoStackTrace(Run r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void anUnknownLessonNamesTheLessonsThatExist() {
        Run r = run("grade", "99");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).contains("no lesson '99'").contains("01"));
        assertThat(r.err()).contains("Try 'wslab grade --help' for usage.");
        assertNoStackTrace(r);
    }

    @Test
    void anUnknownOptionIsOneLineAndUsage() {
        Run r = run("grade", "01", "--taget", "ws://x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).contains("--taget"));
        assertThat(r.err()).contains("--target").contains("Try 'wslab grade --help' for usage.").doesNotContain("Usage:");
        assertThat(r.err().lines().count()).as("the error, a suggestion and the hint: " + r.err()).isLessThanOrEqualTo(4);
        assertNoStackTrace(r);
    }

    @Test
    void aTargetThatIsNotAWebSocketUrlIsRefused() {
        Run r = run("grade", "01", "--target", "http://127.0.0.1:80/");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--target must look like ws://host:port/path");
        assertNoStackTrace(r);
    }

    @Test
    void targetAndImplAreAlternatives() {
        Run r = run("grade", "01", "--target", "ws://127.0.0.1:1/handshake", "--impl", "reference");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--target and --impl are alternatives");
    }

    @Test
    void aServerThatDoesNotAnswerIsOneLineAndExitThree() {
        Run r = run("grade", "01", "--target", "ws://127.0.0.1:1/x");
        assertThat(r.exit()).isEqualTo(GradeCommand.TARGET_MISSING);
        assertThat(r.err().lines().toList()).singleElement().satisfies(l -> assertThat(l)
                .isEqualTo("wslab: nothing answers at ws://127.0.0.1:1/x: connection refused — is your server running?"));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aClientProgramThatCannotStartIsOneLineAndExitThree() {
        Run r = run("grade", "04", "--client-cmd", "nonexistent-prog {url}");
        assertThat(r.exit()).isEqualTo(GradeCommand.TARGET_MISSING);
        assertThat(r.err().lines().toList()).singleElement().satisfies(l -> assertThat(l)
                .contains("the program 'nonexistent-prog' cannot be found or run"));
        assertNoStackTrace(r);
    }

    @Test
    void virtualTimeIsRefusedInOneLineForATargetThatCannotHaveIt() {
        Run r = run("grade", "01", "--impl", "jetty", "--time", "virtual");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l)
                .contains("virtual time needs an in-process Java implementation").contains("Jetty"));
        assertNoStackTrace(r);
    }

    @Test
    void aTimeThatIsNeitherRealNorVirtualIsRefused() {
        Run r = run("grade", "01", "--time", "sideways");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--time is real or virtual, not 'sideways'");
    }

    @Test
    void aClientLessonRefusesAServerUrl() {
        Run r = run("grade", "04", "--target", "ws://127.0.0.1:1/feed");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l)
                .contains("lesson 04 grades a client").contains("--client-cmd"));
        assertNoStackTrace(r);
    }

    @Test
    void aClientCommandNeedsTheUrlPlaceholder() {
        Run r = run("grade", "04", "--client-cmd", "node client.js");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--client-cmd needs {url}");
        assertNoStackTrace(r);
    }

    @Test
    void aClientCommandIsOnlyForClientLessons() {
        Run r = run("grade", "01", "--client-cmd", "node client.js {url}");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("lesson 01 grades a server");
        assertNoStackTrace(r);
    }

    @Test
    void anUnknownClientIsNamedWithTheKnownOnes() {
        Run r = run("grade", "04", "--impl", "nonsense");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no client 'nonsense'").contains("reference").contains("starter");
        assertNoStackTrace(r);
    }

    @Test
    void anUnknownImplementationIsNamedWithTheKnownOnes() {
        Run r = run("grade", "01", "--impl", "nonsense");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no implementation 'nonsense'").contains("reference").contains("starter");
        assertNoStackTrace(r);
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        Run r = run("serve", "--port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--port must be between 0 and 65535");
        assertNoStackTrace(r);
    }

    @Test
    void anUnknownBenchmarkIsRefused() {
        Run r = run("bench", "everything");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown benchmark 'everything'; known: proxy");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"serve", "lessons", "grade", "proxy", "bench"}) {
            Run r = run(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: wslab " + command);
        }
    }

    @Test
    void noCommandAsksForOne() {
        Run r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a command is needed").contains("Usage: wslab");
    }
}
