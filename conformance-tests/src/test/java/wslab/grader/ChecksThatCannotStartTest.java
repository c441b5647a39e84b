package wslab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;
import wslab.api.Lesson;

/**
 * A check that never ran has not passed. Each fixture below is a checks class that cannot start
 * in a different way; graded next to a check that passes, the grade must still lose its points.
 * The fixtures are nested so that surefire leaves them alone: only the grader runs them.
 */
class ChecksThatCannotStartTest {

    /** Nothing listens here, and no fixture connects: they fail, or pass, before any I/O. */
    static final URI NOWHERE = URI.create("ws://127.0.0.1:9/nothing");

    static Lesson lessonOf(Class<?>... checks) {
        return new Lesson("90", "cannot-start", "Checks that cannot start", List.of("/nothing"), 100,
                Stream.of(checks).map(Class::getName).toList(), List.of(), Lesson.Kind.SERVER);
    }

    static Scorecard grade(Lesson lesson, String... only) {
        return Grader.grade(lesson, wslab.grader.targets.UrlTargetKind.of(NOWHERE), GradeOptions.defaults().withSeed(1).withOnly(List.of(only)),
                GradeListener.SILENT);
    }

    static CheckResult result(Scorecard card, String id) {
        return card.results().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + id + " in " + card.results()));
    }

    @Test
    void aChecksClassWhoseConstructorThrowsGradesEveryCheckAsNotRun() {
        Lesson lesson = lessonOf(ConstructorThrows.class);
        Scorecard card = grade(lesson);
        assertThat(card.results()).extracting(CheckResult::id)
                .containsExactly("90.1", "90.2", "90.3", "90.4");
        assertThat(card.results()).allSatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(r.actual()).startsWith("did not run: ").contains("the fixture could not be built");
        });
        assertThat(card.percent()).isZero();
        assertThat(card.passed()).isFalse();
    }

    @Test
    void aChecksClassWhoseStaticInitializerThrowsGradesAsNotRun() {
        Lesson lesson = lessonOf(Passes.class, StaticInitializerThrows.class);
        assertThat(Grader.checksOf(lesson)).extracting(CheckInfo::id).containsExactly("91.1", "96.1", "96.2");
        Scorecard card = grade(lesson);
        for (String id : List.of("96.1", "96.2")) {
            assertThat(result(card, id).verdict()).isEqualTo(Verdict.FAILED);
            assertThat(result(card, id).actual()).startsWith("did not run: ").contains("two cases share an id");
        }
        assertThat(card.passed()).isFalse();
    }

    @Test
    void aFailingBeforeAllCostsItsChecksTheirPoints() {
        Scorecard card = grade(lessonOf(Passes.class, BeforeAllThrows.class));
        assertThat(result(card, "91.1").verdict()).isEqualTo(Verdict.OK);
        for (String id : List.of("92.1", "92.2")) {
            CheckResult r = result(card, id);
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(r.actual()).startsWith("did not run: ").contains("no database for the checks");
        }
        assertThat(card.possible()).isEqualTo(1 + 2 + 3);
        assertThat(card.earned()).isEqualTo(1);
        assertThat(card.passed()).isFalse();
    }

    @Test
    void aFamilyWhoseCasesCannotBeListedFailsEachOfThem() {
        Scorecard card = grade(lessonOf(Passes.class, CaseSourceThrows.class));
        for (String id : List.of("93.1", "93.2")) {
            assertThat(result(card, id).verdict()).isEqualTo(Verdict.FAILED);
            assertThat(result(card, id).actual()).startsWith("did not run: ").contains("the case list is broken");
        }
        assertThat(card.passed()).isFalse();
    }

    @Test
    void aDisabledChecksClassDoesNotPass() {
        Scorecard card = grade(lessonOf(Passes.class, DisabledClass.class));
        CheckResult r = result(card, "94.1");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.actual()).startsWith("did not run: ").contains("switched off");
        assertThat(card.passed()).isFalse();
    }

    @Test
    void anAbortedOrDisabledCheckDoesNotPass() {
        Scorecard card = grade(lessonOf(Passes.class, AbortedAndDisabled.class));
        CheckResult aborted = result(card, "95.1");
        assertThat(aborted.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(aborted.actual()).contains("aborted").contains("no server of that kind");
        CheckResult disabled = result(card, "95.2");
        assertThat(disabled.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(disabled.actual()).contains("not today");
        assertThat(card.earned()).isEqualTo(1);
        assertThat(card.passed()).isFalse();
    }

    @Test
    void onlyTheSelectedChecksAreHeldToAccount() {
        Scorecard card = grade(lessonOf(Passes.class, BeforeAllThrows.class), "92.2");
        assertThat(card.results()).extracting(CheckResult::id).containsExactly("92.2");
        assertThat(card.results().get(0).actual()).startsWith("did not run: ");
        assertThat(card.percent()).isZero();

        Scorecard passing = grade(lessonOf(Passes.class, BeforeAllThrows.class), "91");
        assertThat(passing.results()).extracting(CheckResult::id).containsExactly("91.1");
        assertThat(passing.passed()).isTrue();
    }

    // The fixtures. Their checks assert nothing about a server: they exist to start, or not.

    @LessonChecks("90")
    static class ConstructorThrows {

        static final List<Case<String>> CASES = List.of(
                Case.of("90.3", "The third fixture check", "none", "a"),
                Case.of("90.4", "The fourth fixture check", "none", "b"));

        ConstructorThrows() {
            throw new IllegalStateException("the fixture could not be built");
        }

        static List<Case<String>> cases() {
            return CASES;
        }

        @Check(id = "90.1", title = "The first fixture check", spec = "none")
        void first() {
        }

        @Check(id = "90.2", title = "The second fixture check", spec = "none")
        void second() {
        }

        @CheckCases("90.3")
        @MethodSource("cases")
        void family(Case<String> c) {
        }
    }

    @LessonChecks("91")
    static class Passes {

        @Check(id = "91.1", title = "A fixture check that holds", spec = "none")
        void holds() {
        }
    }

    @LessonChecks("92")
    static class BeforeAllThrows {

        @BeforeAll
        static void connectToTheDatabase() {
            throw new IllegalStateException("no database for the checks");
        }

        @Check(id = "92.1", title = "A fixture check behind a broken setup", spec = "none", points = 2)
        void first() {
        }

        @Check(id = "92.2", title = "Another fixture check behind a broken setup", spec = "none", points = 3)
        void second() {
        }
    }

    @LessonChecks("93")
    static class CaseSourceThrows {

        static final List<Case<String>> CASES = List.of(
                Case.of("93.1", "A fixture case", "none", "a"),
                Case.of("93.2", "Another fixture case", "none", "b"));

        static List<Case<String>> cases() {
            throw new IllegalStateException("the case list is broken");
        }

        @CheckCases("93.1")
        @MethodSource("cases")
        void family(Case<String> c) {
        }
    }

    @LessonChecks("94")
    @Disabled("switched off")
    static class DisabledClass {

        @Check(id = "94.1", title = "A fixture check in a disabled class", spec = "none")
        void check() {
        }
    }

    @LessonChecks("96")
    static class StaticInitializerThrows {

        static final List<Case<String>> CASES = listCases();

        private static List<Case<String>> listCases() {
            throw new IllegalStateException("two cases share an id");
        }

        static List<Case<String>> cases() {
            return CASES;
        }

        @Check(id = "96.1", title = "A fixture check in a class that cannot load", spec = "none")
        void check() {
        }

        @CheckCases("96.2")
        @MethodSource("cases")
        void family(Case<String> c) {
        }
    }

    @LessonChecks("95")
    static class AbortedAndDisabled {

        @Check(id = "95.1", title = "A fixture check that aborts", spec = "none")
        void aborts() {
            Assumptions.assumeTrue(false, "no server of that kind");
        }

        @Check(id = "95.2", title = "A disabled fixture check", spec = "none")
        @Disabled("not today")
        void disabled() {
        }
    }
}
