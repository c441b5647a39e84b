package wslab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.grader.targets.ImplTargetKind;
import wslab.grader.targets.UrlTargetKind;

/**
 * A check that reads the server's log runs where the grader started the server, and is left out,
 * never failed, where it cannot see the log (a server at a URL).
 */
class ChecksThatReadTheServerLogTest {

    static final Lesson LESSON = new Lesson("93", "server-log", "Checks that read the log", List.of("/"), 100,
            List.of(ReadsTheLog.class.getName()), List.of(), Lesson.Kind.SERVER);

    /** Logs one line when it starts, and serves nothing: the fixture's checks never connect. */
    static LabServer loggingServer() {
        return new LabServer() {
            private java.util.function.Consumer<String> log = line -> { };

            @Override
            public void logTo(java.util.function.Consumer<String> sink) {
                log = sink;
            }

            @Override
            public int start(int port) throws IOException {
                log.accept("started, nothing secret here");
                return 1;
            }

            @Override
            public void close() {
            }
        };
    }

    static Scorecard grade(Target target) {
        return Grader.grade(LESSON, target, GradeOptions.defaults().withSeed(1).withVirtualTime(true), GradeListener.SILENT);
    }

    @Test
    void aServerTheGraderStartsHasItsLogRead() {
        Scorecard card = grade(ImplTargetKind.server("logging fixture", "/", env -> loggingServer()));
        assertThat(card.results()).extracting(CheckResult::id).containsExactly("93.1", "93.2");
        assertThat(card.failures()).isEmpty();
    }

    @Test
    void aServerAtAUrlHasItsLogChecksLeftOutAndSaysSo() {
        List<String> headers = new ArrayList<>();
        Scorecard card = Grader.grade(LESSON, UrlTargetKind.of(java.net.URI.create("ws://127.0.0.1:9/")),
                GradeOptions.defaults().withSeed(1), new GradeListener() {
                    @Override
                    public void gradeStarted(String lessonId, String target, int checks, long seed) {
                        headers.add(target + ", " + checks);
                    }
                });
        assertThat(card.results()).extracting(CheckResult::id).containsExactly("93.1");
        assertThat(card.failures()).isEmpty();
        assertThat(headers).singleElement().asString().contains("1 check that read the server's log left out").endsWith(", 1");
    }

    @LessonChecks("93")
    static class ReadsTheLog {

        @Check(id = "93.1", title = "A fixture check that needs no log", spec = "none")
        void needsNoLog(CheckContext ctx) {
            ctx.require(true, "nothing", "nothing");
        }

        @NeedsServerLog
        @Check(id = "93.2", title = "A fixture check that reads the log", spec = "none")
        void readsTheLog(CheckContext ctx) throws IOException {
            ServerLog log = ctx.serverLog().orElseThrow();
            ctx.require(log.text().contains("started"), "the server's start in its log", "its log: " + log.text());
        }
    }
}
