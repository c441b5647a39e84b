package wslab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import wslab.api.Lesson;
import wslab.grader.targets.UrlTargetKind;

/**
 * A lesson whose checks leave state on the server (rooms, client ids, per-address counts) runs
 * them one at a time when they all meet one server the grader did not start: run at once, one
 * check would receive another's messages and hit another's limits, and fail a correct server.
 */
class ServerPerCheckTest {

    private static final Target ONE_SERVER_FOR_ALL = UrlTargetKind.of(URI.create("ws://127.0.0.1:1/chat"));

    /** A server target the grader starts for each check, as --impl and --server-cmd do. */
    private static final Target A_SERVER_PER_CHECK = new Target() {
        @Override
        public String description() {
            return "a server started for each check";
        }

        @Override
        public Lesson.Kind kind() {
            return Lesson.Kind.SERVER;
        }

        @Override
        public Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) {
            throw new UnsupportedOperationException("no check runs here");
        }
    };

    private static Lesson lesson(List<String> needs) {
        return new Lesson("07", "chat-protocol", "Chat", List.of("/chat"), 100, List.of(), List.of(), Lesson.Kind.SERVER,
                List.of(), "", needs, 1, "ws");
    }

    @Test
    void checksThatShareAServerAtAURLRunOneAtATime() {
        Lesson chat = lesson(List.of(Lesson.NEEDS_SERVER_PER_CHECK));
        assertThat(ONE_SERVER_FOR_ALL.sharedByChecks()).isTrue();
        assertThat(Grader.jobsOn(chat, ONE_SERVER_FOR_ALL, 4)).isEqualTo(1);
    }

    @Test
    void aServerPerCheckKeepsTheJobsAskedFor() {
        Lesson chat = lesson(List.of(Lesson.NEEDS_SERVER_PER_CHECK));
        assertThat(A_SERVER_PER_CHECK.sharedByChecks()).isFalse();
        assertThat(Grader.jobsOn(chat, A_SERVER_PER_CHECK, 4)).isEqualTo(4);
    }

    @Test
    void aLessonWhoseChecksLeaveNothingBehindRunsThemAtOnceOnAnyServer() {
        Lesson echo = lesson(List.of());
        assertThat(Grader.jobsOn(echo, ONE_SERVER_FOR_ALL, 6)).isEqualTo(6);
    }
}
