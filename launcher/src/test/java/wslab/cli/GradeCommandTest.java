package wslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.reference.handshake.RawHandshakeServer;

/** The grade command end to end: exit codes and the files it leaves. */
class GradeCommandTest {

    @TempDir
    Path home;

    @BeforeEach
    void useTempHome() {
        System.setProperty("wslab.home", home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty("wslab.home");
    }

    @Test
    void theReferencePassesWithExitZeroAndLeavesReports() {
        assertThat(CommandLineTest.run("grade", "01", "--impl", "reference", "--seed", "7").exit()).isZero();
        assertThat(home.resolve("target/wslab/lesson-01.html")).exists();
        assertThat(home.resolve("target/wslab/lesson-01.xml")).exists();
        CommandLineTest.Run lessons = CommandLineTest.run("lessons");
        assertThat(lessons.exit()).isZero();
    }

    @Test
    void checksRunAsManyAtOnceAsTheLessonSaysUnlessJobsIsGiven() {
        wslab.api.Lesson six = new wslab.api.Lesson("02", "frames", "Frames", java.util.List.of("/frames"), 100,
                java.util.List.of(), java.util.List.of(), wslab.api.Lesson.Kind.SERVER, java.util.List.of(), "", java.util.List.of(), 6, "ws");
        assertThat(GradeCommand.jobsFor(six, null)).isEqualTo(6);
        assertThat(GradeCommand.jobsFor(six, 2)).isEqualTo(2);
        wslab.api.Lesson plain = new wslab.api.Lesson("01", "handshake", "Handshake", java.util.List.of("/handshake"), 100,
                java.util.List.of(), java.util.List.of(), wslab.api.Lesson.Kind.SERVER);
        assertThat(GradeCommand.jobsFor(plain, null)).isEqualTo(1);
    }

        @Test
    void theStarterFailsWithExitOne() {
        assertThat(CommandLineTest.run("grade", "01").exit()).isEqualTo(1);
    }

    @Test
    void aServerStartedByHandIsGradedByUrl() throws Exception {
        try (RawHandshakeServer server = new RawHandshakeServer(wslab.api.LabEnvironment.system(1))) {
            int port = server.start(0);
            CommandLineTest.Run r = CommandLineTest.run("grade", "01", "--target", "ws://127.0.0.1:" + port + "/handshake");
            assertThat(r.exit()).isZero();
        }
        assertThat(Files.readString(home.resolve("target/wslab/lesson-01.json"))).contains("\"passed\" : true");
    }
}
