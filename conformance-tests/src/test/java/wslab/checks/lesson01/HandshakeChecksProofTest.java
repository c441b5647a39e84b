package wslab.checks.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
import wslab.grader.Verdict;

/** Lesson 01's checks, proven both ways: the reference passes all, every check catches a broken server. */
class HandshakeChecksProofTest {

    static final long SEED = 6455;
    static final LessonCatalog catalog = LessonCatalog.load();
    static final Lesson lesson = catalog.lesson("01").orElseThrow();
    /** Grades here write reports only so the writers run; nothing reads them. */
    static final Path reports = Path.of("target", "wslab-test-reports");

    static Scorecard grade(String impl) throws Exception {
        try (Targets.Running running = Targets.start(catalog, lesson, impl)) {
            return Grader.grade(lesson, running.url(), options(), GradeListener.SILENT);
        }
    }

    static Scorecard grade(LabServer server) throws Exception {
        try (server) {
            int port = server.start(0);
            return Grader.grade(lesson, URI.create("ws://127.0.0.1:" + port + "/handshake"), options(), GradeListener.SILENT);
        }
    }

    static GradeOptions options() {
        return GradeOptions.defaults().withSeed(SEED).withReportDir(reports);
    }

    static List<String> failed(Scorecard card) {
        return card.failures().stream().map(CheckResult::id).toList();
    }

    @Test
    void referenceScoresFullMarksWithEveryCheckOk() throws Exception {
        Scorecard card = grade("reference");
        assertThat(card.results()).hasSize(Grader.checksOf(lesson).size());
        assertThat(card.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.id() + " " + r.actual()).isEqualTo(Verdict.OK));
        assertThat(card.percent()).isEqualTo(100);
        assertThat(card.passed()).isTrue();
    }

    @Test
    void referencePassesStrictToo() throws Exception {
        try (Targets.Running running = Targets.start(catalog, lesson, "reference")) {
            Scorecard card = Grader.grade(lesson, running.url(), options().withStrict(true), GradeListener.SILENT);
            assertThat(failed(card)).isEmpty();
        }
    }

    @Test
    void starterFailsBelowThePassMarkWithActionableMessages() throws Exception {
        Scorecard card = grade("starter");
        assertThat(card.passed()).isFalse();
        assertThat(card.percent()).isLessThan(lesson.passMark());
        assertThat(failed(card)).contains("01.1", "01.4", "01.5", "01.7", "01.18");
        CheckResult sample = card.results().stream().filter(r -> r.id().equals("01.1")).findFirst().orElseThrow();
        assertThat(sample.expected()).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(sample.actual()).contains("the key itself");
        assertThat(sample.transcript()).contains("GET /handshake HTTP/1.1").contains("101");
    }

    @ParameterizedTest
    @EnumSource(HandshakeMutants.class)
    void eachMutantIsCaughtByItsChecks(HandshakeMutants mutant) throws Exception {
        Scorecard card = grade(mutant.server.get());
        assertThat(failed(card)).as(mutant.name()).containsAll(mutant.caughtBy);
        assertThat(card.passed()).isFalse();
    }

    /** The other way round: answers the RFC allows pass every check, even strictly. */
    @ParameterizedTest
    @EnumSource(HandshakeVariants.class)
    void eachVariantTheRfcAllowsPassesStrictly(HandshakeVariants variant) throws Exception {
        try (LabServer server = variant.server.get()) {
            int port = server.start(0);
            Scorecard card = Grader.grade(lesson, URI.create("ws://127.0.0.1:" + port + "/handshake"),
                    options().withStrict(true), GradeListener.SILENT);
            assertThat(card.results()).allSatisfy(r -> assertThat(r.verdict()).as(variant + " " + r.id() + ": " + r.actual())
                    .isEqualTo(Verdict.OK));
        }
    }

    @Test
    void aRefusedVersionSaysWhatWasMissing() throws Exception {
        assertThat(actualOf(grade(HandshakeMutants.UPGRADE_REQUIRED_WITHOUT_UPGRADE.server.get()), "01.7"))
                .contains("426").contains("Upgrade");
        assertThat(actualOf(grade(HandshakeMutants.VERSION_IGNORED.server.get()), "01.7"))
                .contains("101 Switching Protocols");
    }

    @Test
    void everyCheckHasAMutantThatItCatches() {
        Set<String> covered = new HashSet<>();
        Arrays.stream(HandshakeMutants.values()).forEach(m -> covered.addAll(m.caughtBy));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                Grader.checksOf(lesson).stream().map(CheckInfo::id).toList());
    }

    @Test
    void theAcceptMistakesAreNamedInTheFailure() throws Exception {
        Scorecard noGuid = grade(HandshakeMutants.ACCEPT_WITHOUT_GUID.server.get());
        assertThat(actualOf(noGuid, "01.1")).contains("append the GUID");
        Scorecard hex = grade(HandshakeMutants.ACCEPT_IN_HEX.server.get());
        assertThat(actualOf(hex, "01.1")).contains("hex");
    }

    @Test
    void theSameSeedDrawsTheSameKeys() throws Exception {
        String first = transcriptOf(grade("reference"), "01.3");
        String second = transcriptOf(grade("reference"), "01.3");
        assertThat(keysIn(first)).isNotEmpty().isEqualTo(keysIn(second));
    }

    private static String actualOf(Scorecard card, String id) {
        return card.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().actual();
    }

    private static String transcriptOf(Scorecard card, String id) {
        return card.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().transcript();
    }

    private static List<String> keysIn(String transcript) {
        return transcript.lines().filter(l -> l.contains("Sec-WebSocket-Key:")).map(String::trim).toList();
    }
}
