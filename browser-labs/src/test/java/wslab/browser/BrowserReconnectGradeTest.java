package wslab.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    @Test
    void theBrowserStarterFailsWhereItsTodosSay() {
        Scorecard card = Grader.grade(lesson, ClientTarget.of(catalog, lesson, "browser-starter"), options(),
                GradeListener.SILENT);
        assertThat(card.passed()).isFalse();
        assertThat(card.failures().stream().map(CheckResult::id)).contains("04.1", "04.2", "04.3", "04.5", "04.13");
    }
}
