package wslab.checks.rfc6455;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import wslab.grader.Level;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.grader.Targets;
import wslab.grader.Verdict;
import wslab.lessons.frames.Connection;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/** The RFC 6455 suite (lesson 02's checks), proven both ways. */
class ProtocolSuiteProofTest {

    static final LessonCatalog catalog = LessonCatalog.load();
    static final Lesson lesson = catalog.lesson("rfc6455").orElseThrow();
    static final Path reports = Path.of("target", "wslab-test-reports");

    static GradeOptions options(boolean strict) {
        return GradeOptions.defaults().withSeed(6455).withStrict(strict).withReportDir(reports);
    }

    static List<String> failed(Scorecard card) {
        return card.failures().stream().map(CheckResult::id).toList();
    }

    @Test
    void theSuiteHasAtLeast300CasesWithUniqueIdsNamedAfterRfcSections() {
        List<CheckInfo> cases = Grader.checksOf(lesson);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases).extracting(CheckInfo::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("rfc6455/\\d+(\\.\\d+)*/\\d+"));
        assertThat(cases).allSatisfy(c -> assertThat(c.spec()).startsWith("RFC 6455 §"));
        Map<String, Integer> perSection = new TreeMap<>();
        cases.forEach(c -> perSection.merge(c.id().split("/")[1], 1, Integer::sum));
        System.out.println("rfc6455 cases per section: " + perSection + ", total " + cases.size());
    }

    @Test
    void theReferencePassesEveryCaseStrictly() throws Exception {
        try (Targets.Running running = Targets.start(catalog, lesson, "reference")) {
            Scorecard card = Grader.grade(lesson, running.url(), options(true), GradeListener.SILENT);
            assertThat(card.results()).hasSize(Grader.checksOf(lesson).size());
            assertThat(card.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.id() + ": " + r.actual())
                    .isEqualTo(r.level() == Level.INFO ? Verdict.INFORMATIONAL : Verdict.OK));
            assertThat(card.count(Verdict.INFORMATIONAL)).isPositive();
        }
    }

    /**
     * Each mutant is graded on the cases it must fail, with a short timeout: a broken server
     * often makes the suite wait, and nothing here needs the full five seconds.
     */
    @ParameterizedTest
    @EnumSource(FramesMutants.class)
    void eachMutantIsCaughtByNamedCases(FramesMutants mutant) throws Exception {
        Scorecard card;
        try (LabServer server = mutant.server()) {
            int port = server.start(0);
            card = Grader.grade(lesson, URI.create("ws://127.0.0.1:" + port + "/frames"),
                    options(mutant.strict).withTimeoutMillis(1500).withOnly(mutant.caughtBy), GradeListener.SILENT);
        }
        assertThat(card.results()).hasSize(mutant.caughtBy.size());
        assertThat(failed(card)).as(mutant.name()).containsAll(mutant.caughtBy);
        assertThat(card.passed()).isFalse();
    }

    /**
     * The starter's frame layer on a working handshake (the learner's lesson 01 is what the real
     * starter uses): small single frames pass, everything the TODOs name fails with a reason.
     */
    @Test
    void theStarterFrameLayerFailsWhatItsTodosName() throws Exception {
        Scorecard card;
        try (LabServer server = new RawHandshakeServer(new HandshakeNegotiator("/frames", List.of())) {
            @Override
            protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
                new Connection(in, out).run();
            }
        }) {
            int port = server.start(0);
            card = Grader.grade(lesson, URI.create("ws://127.0.0.1:" + port + "/frames"),
                    options(false).withTimeoutMillis(1000), GradeListener.SILENT);
        }
        assertThat(card.passed()).isFalse();
        assertThat(failed(card)).contains("rfc6455/5.2/6", "rfc6455/5.1/1", "rfc6455/5.2/101", "rfc6455/5.5.2/1",
                "rfc6455/5.4/1", "rfc6455/8.1/201", "rfc6455/7.4/101");
        assertThat(failed(card)).doesNotContain("rfc6455/5.2/1", "rfc6455/5.2/5", "rfc6455/8.1/1");
        CheckResult ping = card.results().stream().filter(r -> r.id().equals("rfc6455/5.5.2/1")).findFirst().orElseThrow();
        assertThat(ping.expected()).contains("PONG");
    }

    @Test
    void jettyPassesEverythingButFailFastUtf8WhichIsNonStrict() throws Exception {
        try (Targets.Running running = Targets.start(catalog, lesson, "jetty")) {
            Scorecard card = Grader.grade(lesson, running.url(), options(false), GradeListener.SILENT);
            assertThat(failed(card)).isEmpty();
            // Jetty's Jakarta whole-message handler validates UTF-8 only when the message is complete.
            assertThat(card.results()).filteredOn(r -> r.verdict() == Verdict.NON_STRICT).extracting(CheckResult::id)
                    .allSatisfy(id -> assertThat(id).startsWith("rfc6455/8.1/4"))
                    .hasSize(UTF8_FAIL_FAST_CASES);
        }
    }

    static final int UTF8_FAIL_FAST_CASES = (int) Utf8Cases.INVALID.stream().filter(Utf8Cases::decidableAtOnce).count();
}
