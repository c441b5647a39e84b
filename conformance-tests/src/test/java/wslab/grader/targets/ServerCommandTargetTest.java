package wslab.grader.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import wslab.api.Lesson;
import wslab.checks.SuiteLessons;
import wslab.grader.GradeListener;
import wslab.grader.GradeOptions;
import wslab.grader.RestartableServer;
import wslab.grader.Scorecard;
import wslab.grader.Stage;
import wslab.grader.Target;

/** --server-cmd: a program the grader starts for each check, and kills and starts again on the same data. */
class ServerCommandTargetTest {

    static String command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -cp " + System.getProperty("java.class.path") + " " + OneServerProgram.class.getName() + " "
                + ServerCommandTargetKind.PORT_PLACEHOLDER + " " + ServerCommandTargetKind.DATA_DIR_PLACEHOLDER;
    }

    @Test
    void aServerProgramIsStartedPerCheckAndGraded() {
        Lesson lesson = SuiteLessons.handshake();
        Scorecard card = wslab.grader.Grader.grade(lesson, ServerCommandTargetKind.of(command()),
                GradeOptions.defaults().withSeed(1).withOnly(List.of("01.1", "01.4")), GradeListener.SILENT);
        assertThat(card.results()).hasSize(2);
        assertThat(card.failures()).isEmpty();
    }

    @Test
    void aKilledServerStartsAgainOnTheSameData() throws Exception {
        Target target = ServerCommandTargetKind.of(command());
        // The output pumps add lines from their own threads.
        List<String> log = new CopyOnWriteArrayList<>();
        try (Target.Session session = target.open(Stage.real(), SuiteLessons.handshake(), 1, log::add)) {
            RestartableServer server = session.restartable().orElseThrow();
            int port = session.serverUrl().getPort();
            assertThat(server.isRunning()).isTrue();
            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.start();
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertThat(s.isConnected()).isTrue();
            }
            assertThat(Files.readString(server.dataDirectory().resolve("starts")).trim()).isEqualTo("2");
            assertThat(log).anyMatch(l -> l.contains("killed (SIGKILL)"));
            // The program prints after it starts listening, so the line may trail the accepted connection.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(log).anyMatch(l -> l.contains("serving, start 2")));
        }
    }

    @Test
    void aProgramThatExitsBeforeItServesSaysHowItWent() {
        Target target = ServerCommandTargetKind.of("sh -c 'echo no database >&2; exit 3' {port} {data-dir}");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> target.open(Stage.real(), SuiteLessons.handshake(), 1, line -> { })))
                .hasMessageContaining("exited with status 3").hasMessageContaining("no database");
    }
}
