package wslab.checks.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.CheckInfo;
import wslab.grader.CheckResult;
import wslab.grader.GradeListener;
import wslab.grader.GradeOptions;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.grader.Targets;
import wslab.reference.frames.Frame;
import wslab.reference.heartbeat.HeartbeatPolicy;
import wslab.reference.heartbeat.HeartbeatServer;
import wslab.reference.heartbeat.HeartbeatSession;

/** Lesson 03's checks, proven both ways. */
class HeartbeatChecksProofTest {

    static final LessonCatalog catalog = LessonCatalog.load();
    static final Lesson lesson = catalog.lesson("03").orElseThrow();

    /** Broken heartbeats, each a mistake the seed's sample code or common servers make. */
    enum Mutant {
        NEVER_PINGS(List.of("03.1", "03.2"), () -> server(HeartbeatPolicy.LESSON, (in, out, p, t) -> new HeartbeatSession(in, out, p, t) {
            @Override
            protected void sendPing() {
            }
        })),
        NEVER_TIMES_OUT(List.of("03.3", "03.7"), () -> server(HeartbeatPolicy.LESSON, (in, out, p, t) -> new HeartbeatSession(in, out, p, t) {
            @Override
            protected void closeSilentPeer() {
            }
        })),
        /** A deadline shorter than a slow link's round trip drops live clients. */
        DEADLINE_SHORTER_THAN_A_SLOW_ROUND_TRIP(List.of("03.4"), () -> server(
                new HeartbeatPolicy(Duration.ofMillis(300), Duration.ofMillis(700)), HeartbeatSession::new)),
        NO_APP_HEARTBEAT(List.of("03.5"), () -> server(HeartbeatPolicy.LESSON, (in, out, p, t) -> new HeartbeatSession(in, out, p, t) {
            @Override
            protected void answerAppHeartbeat() {
            }
        })),
        /** Only pongs reset the deadline, so a browser's application heartbeat does not keep it alive. */
        ONLY_PONGS_COUNT(List.of("03.6"), () -> server(HeartbeatPolicy.LESSON, (in, out, p, t) -> new HeartbeatSession(in, out, p, t) {
            @Override
            protected boolean countsAsLife(Frame f) {
                return f.opcode() == 0xA;
            }
        }));

        final List<String> caughtBy;
        final Supplier<LabServer> server;

        Mutant(List<String> caughtBy, Supplier<LabServer> server) {
            this.caughtBy = caughtBy;
            this.server = server;
        }
    }

    interface SessionFactory {
        HeartbeatSession create(InputStream in, OutputStream out, HeartbeatPolicy p, ScheduledExecutorService t);
    }

    static LabServer server(HeartbeatPolicy policy, SessionFactory sessions) {
        return new HeartbeatServer(policy) {
            @Override
            protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p, ScheduledExecutorService t) {
                return sessions.create(in, out, p, t);
            }
        };
    }

    static GradeOptions options() {
        return GradeOptions.defaults().withSeed(3).withReportDir(Path.of("target", "wslab-test-reports"));
    }

    static List<String> failed(Scorecard card) {
        return card.failures().stream().map(CheckResult::id).toList();
    }

    @Test
    void theReferencePassesEveryCheck() throws Exception {
        try (Targets.Running running = Targets.start(catalog, lesson, "reference")) {
            Scorecard card = Grader.grade(lesson, running.url(), options().withStrict(true), GradeListener.SILENT);
            assertThat(failed(card)).isEmpty();
            assertThat(card.percent()).isEqualTo(100);
        }
    }

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void eachMutantIsCaughtByItsChecks(Mutant mutant) throws Exception {
        try (LabServer server = mutant.server.get()) {
            int port = server.start(0);
            Scorecard card = Grader.grade(lesson, URI.create("ws://127.0.0.1:" + port + "/heartbeat"),
                    options().withOnly(mutant.caughtBy), GradeListener.SILENT);
            assertThat(failed(card)).as(mutant.name()).containsExactlyInAnyOrderElementsOf(mutant.caughtBy);
        }
    }

    @Test
    void everyCheckHasAMutantThatItCatches() {
        assertThat(java.util.Arrays.stream(Mutant.values()).flatMap(m -> m.caughtBy.stream()).distinct())
                .containsExactlyInAnyOrderElementsOf(Grader.checksOf(lesson).stream().map(CheckInfo::id).toList());
    }
}
