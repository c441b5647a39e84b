package wslab.checks.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.CheckInfo;
import wslab.grader.CheckResult;
import wslab.grader.ClientTarget;
import wslab.grader.GradeListener;
import wslab.grader.GradeOptions;
import wslab.grader.GradeReports;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.reference.reconnect.LineProtocolClient;

/** Lesson 04's checks, proven both ways: the reference passes, the starter and each mutant fail. */
class ReconnectChecksProofTest {

    static final LessonCatalog catalog = LessonCatalog.load();
    static final Lesson lesson = catalog.lesson("04").orElseThrow();

    enum Mutant {
        QUEUE_BEFORE_SUBSCRIPTIONS(ReconnectMutants.QueueBeforeSubscriptions.class, "04.1"),
        SLOW_HEARTBEAT(ReconnectMutants.SlowHeartbeat.class, "04.2"),
        HEARTBEAT_NEVER_TIMES_OUT(ReconnectMutants.HeartbeatNeverTimesOut.class, "04.3"),
        TIMEOUT_SHORTER_THAN_A_ROUND_TRIP(ReconnectMutants.TimeoutShorterThanARoundTrip.class, "04.4"),
        NO_CAP(ReconnectMutants.NoCap.class, "04.5"),
        NO_JITTER(ReconnectMutants.NoJitter.class, "04.6"),
        NEVER_GIVES_UP(ReconnectMutants.NeverGivesUp.class, "04.7"),
        NO_CONNECT_TIMEOUT(ReconnectMutants.NoConnectTimeout.class, "04.8"),
        BACKOFF_NEVER_RESETS(ReconnectMutants.BackoffNeverResets.class, "04.9"),
        RESETS_ON_OPEN(ReconnectMutants.ResetsOnOpen.class, "04.10"),
        DOUBLE_LOOP(ReconnectMutants.DoubleLoop.class, "04.11"),
        SUBSCRIPTIONS_NOT_RESTORED(ReconnectMutants.SubscriptionsNotRestored.class, "04.12"),
        OFFLINE_SENDS_DROPPED(ReconnectMutants.OfflineSendsDropped.class, "04.13"),
        CLOSE_CODE_LOST(ReconnectMutants.CloseCodeLost.class, "04.14"),
        CLOSE_KEEPS_RECONNECTING(ReconnectMutants.CloseKeepsReconnecting.class, "04.15"),
        CLOSE_LEAVES_THE_RETRY_TIMER(ReconnectMutants.CloseLeavesTheRetryTimer.class, "04.16");

        final Class<?> client;
        final List<String> caughtBy;

        Mutant(Class<?> client, String... caughtBy) {
            this.client = client;
            this.caughtBy = List.of(caughtBy);
        }
    }

    static GradeOptions options() {
        return GradeOptions.defaults().withSeed(4).withReportDir(Path.of("target", "wslab-test-reports"));
    }

    static List<String> failed(Scorecard card) {
        return card.failures().stream().map(CheckResult::id).toList();
    }

    /** Each failure with what the check saw, so a failing proof says why. */
    static List<String> failures(Scorecard card) {
        return card.failures().stream().map(r -> r.id() + ": " + r.actual()).toList();
    }

    @Test
    void theReferencePassesEveryCheck() throws Exception {
        Scorecard card = Grader.grade(lesson, ClientTarget.of(catalog, lesson, "reference"), options().withStrict(true),
                GradeListener.SILENT);
        // The report keeps the wire transcripts, should this ever fail on a loaded machine.
        new GradeReports(options().reportDir()).write(card);
        assertThat(failures(card)).isEmpty();
        assertThat(card.percent()).isEqualTo(100);
    }

    @Test
    void theStarterFailsWithMessagesThatPointTheWay() {
        Scorecard card = Grader.grade(lesson, ClientTarget.of(catalog, lesson, "starter"), options(), GradeListener.SILENT);
        assertThat(card.passed()).isFalse();
        assertThat(failed(card)).contains("04.1", "04.2", "04.3", "04.5", "04.13");
    }

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void eachMutantIsCaughtByItsChecks(Mutant mutant) throws Exception {
        Scorecard card = Grader.grade(lesson, ClientTarget.of(catalog, lesson, mutant.client.getName()),
                options().withOnly(mutant.caughtBy), GradeListener.SILENT);
        new GradeReports(options().reportDir().resolve(mutant.name())).write(card);
        assertThat(failed(card)).as(mutant.name()).containsExactlyInAnyOrderElementsOf(mutant.caughtBy);
    }

    @Test
    void everyCheckHasAMutantThatItCatches() {
        assertThat(Arrays.stream(Mutant.values()).flatMap(m -> m.caughtBy.stream()).distinct())
                .containsExactlyInAnyOrderElementsOf(Grader.checksOf(lesson).stream().map(CheckInfo::id).toList());
    }

    /** A client in "any language": the reference run as a program speaking the stdin/stdout protocol. */
    @Test
    void aClientRunAsAProgramIsGradedThroughItsStdinAndStdout() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -cp " + System.getProperty("java.class.path") + " " + LineProtocolClient.class.getName()
                + " " + ClientTarget.URL_PLACEHOLDER + " " + ClientTarget.SEED_PLACEHOLDER;
        // Every verb of the protocol: subscribe and send (04.1, 04.13), the closed event (04.14), close (04.15).
        Scorecard card = Grader.grade(lesson, ClientTarget.command(command),
                options().withOnly(List.of("04.1", "04.13", "04.14", "04.15")), GradeListener.SILENT);
        assertThat(card.results()).hasSize(4);
        assertThat(failures(card)).isEmpty();
    }
}
