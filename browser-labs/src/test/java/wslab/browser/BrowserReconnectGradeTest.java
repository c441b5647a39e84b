package wslab.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.CheckResult;
import wslab.grader.ClientTarget;
import wslab.grader.GradeListener;
import wslab.grader.GradeOptions;
import wslab.grader.Grader;
import wslab.grader.Scorecard;

/** Lesson 04 in real Chromium: the browser reference passes every check, the browser starter does not. */
class BrowserReconnectGradeTest {

    static final LessonCatalog catalog = LessonCatalog.load();
    static final Lesson lesson = catalog.lesson("04").orElseThrow();

    static GradeOptions options() {
        return GradeOptions.defaults().withSeed(4).withReportDir(Path.of("target", "wslab-test-reports"));
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(HeadlessChromium.unavailableReason().isEmpty(),
                () -> "skipped: " + HeadlessChromium.unavailableReason().orElse(""));
    }

    @Test
    void theBrowserReferencePassesEveryCheck() {
        Scorecard card = Grader.grade(lesson, ClientTarget.of(catalog, lesson, "browser-reference"),
                options().withStrict(true), GradeListener.SILENT);
        assertThat(card.failures().stream().map(r -> r.id() + ": " + r.actual()).toList()).isEmpty();
        assertThat(card.percent()).isEqualTo(100);
    }

    /** The mistakes the seed's browser code makes, each caught in Chromium by the check named. */
    enum Mutant {
        NO_JITTER(BrowserMutants.NoJitter.class, "04.6"),
        DOUBLE_LOOP(BrowserMutants.DoubleLoop.class, "04.11"),
        OFFLINE_SENDS_DROPPED(BrowserMutants.OfflineSendsDropped.class, "04.13"),
        NO_CONNECT_TIMEOUT(BrowserMutants.NoConnectTimeout.class, "04.8"),
        HEARTBEAT_NEVER_TIMES_OUT(BrowserMutants.HeartbeatNeverTimesOut.class, "04.3");

        final Class<?> client;
        final String caughtBy;

        Mutant(Class<?> client, String caughtBy) {
            this.client = client;
            this.caughtBy = caughtBy;
        }
    }

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void eachBrowserMutantIsCaught(Mutant mutant) {
        // 04.1 passing shows the mutant loaded and works; only its own mistake fails.
        Scorecard card = Grader.grade(lesson, ClientTarget.of(catalog, lesson, mutant.client.getName()),
                options().withOnly(List.of("04.1", mutant.caughtBy)), GradeListener.SILENT);
        assertThat(card.results()).hasSize(2);
        assertThat(card.failures().stream().map(CheckResult::id)).as(mutant.name()).containsExactly(mutant.caughtBy);
    }

    @Test
    void theBrowserStarterFailsWhereItsTodosSay() {
        Scorecard card = Grader.grade(lesson, ClientTarget.of(catalog, lesson, "browser-starter"), options(),
                GradeListener.SILENT);
        assertThat(card.passed()).isFalse();
        assertThat(card.failures().stream().map(CheckResult::id)).contains("04.1", "04.2", "04.3", "04.5", "04.13");
    }
}
