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
import wslab.reference.frames.EchoSession;
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
        Scorecard card = grade(mutant.server(), options(false).withTimeoutMillis(1500).withOnly(mutant.caughtBy));
        assertThat(card.results()).hasSize(mutant.caughtBy.size());
        assertThat(failed(card)).as(mutant.name()).containsAll(mutant.caughtBy);
        assertThat(card.passed()).isFalse();
    }

    /** The other way round: what the RFC leaves to the server never fails, not even strictly. */
    @ParameterizedTest
    @EnumSource(FramesVariants.class)
    void eachVariantTheRfcAllowsPassesStrictly(FramesVariants variant) throws Exception {
        Scorecard card = grade(variant.server(), options(true).withTimeoutMillis(1500).withOnly(variant.only));
        assertThat(card.results()).isNotEmpty();
        assertThat(card.failures()).as(variant.name()).extracting(r -> r.id() + ": " + r.actual()).isEmpty();
        assertThat(card.results()).as(variant.name() + " leaves its note in a transcript")
                .anySatisfy(r -> assertThat(r.transcript()).contains(variant.note));
    }

    /**
     * §7.1.7: failing the connection MUST close it; the close frame and its code are a SHOULD.
     * A server that closes with 1000, or with no close frame at all, is NON-STRICT on every case
     * that expects 1002, 1007 or 1009, and fails those only under --strict. On an unmasked frame
     * (§5.1) the close frame is a MAY: OK either way.
     */
    @ParameterizedTest
    @EnumSource(FailureCloseFilter.Mode.class)
    void aFailureWithTheWrongCloseFrameIsNonStrict(FailureCloseFilter.Mode mode) throws Exception {
        List<String> shouldCases = List.of("rfc6455/5.2/101", "rfc6455/5.2/201", "rfc6455/5.2/301", "rfc6455/5.5/1",
                "rfc6455/5.4/201", "rfc6455/8.1/201", "rfc6455/8.1/301", "rfc6455/8.1/401", "rfc6455/7.4/101",
                "rfc6455/5.5.1/4", "rfc6455/5.5.1/5");
        List<String> mayCases = List.of("rfc6455/5.1/1", "rfc6455/5.1/2", "rfc6455/5.1/3", "rfc6455/5.1/4");
        List<String> all = new java.util.ArrayList<>(shouldCases);
        all.addAll(mayCases);
        for (boolean strict : new boolean[] {false, true}) {
            Scorecard card = grade(FramesMutants.server((in, out) -> new EchoSession(in, new FailureCloseFilter(out, mode))),
                    options(strict).withTimeoutMillis(1500).withOnly(all));
            assertThat(card.results()).hasSize(all.size());
            Verdict expected = strict ? Verdict.FAILED : Verdict.NON_STRICT;
            assertThat(card.results()).filteredOn(r -> shouldCases.contains(r.id()))
                    .allSatisfy(r -> assertThat(r.verdict()).as(mode + " " + r.id() + ": " + r.actual()).isEqualTo(expected));
            assertThat(card.results()).filteredOn(r -> mayCases.contains(r.id()))
                    .allSatisfy(r -> assertThat(r.verdict()).as(mode + " " + r.id() + ": " + r.actual()).isEqualTo(Verdict.OK));
        }
    }

    /** A wait that passes over a pong still reports it: the server did answer, it did not close. */
    @Test
    void aFailureSaysWhichSkippedFramesArrived() throws Exception {
        Scorecard card = grade(FramesMutants.UNMASKED_FRAMES_ACCEPTED.server(),
                options(false).withTimeoutMillis(1500).withOnly(List.of("rfc6455/5.1/3")));
        CheckResult ping = card.results().get(0);
        assertThat(ping.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(ping.actual()).contains("a PONG (5 bytes) arrived, but no close");
    }

    static Scorecard grade(LabServer server, GradeOptions options) throws Exception {
        try (server) {
            int port = server.start(0);
            return Grader.grade(lesson, URI.create("ws://127.0.0.1:" + port + "/frames"), options, GradeListener.SILENT);
        }
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
                "rfc6455/5.4/1", "rfc6455/8.1/201");
        assertThat(failed(card)).doesNotContain("rfc6455/5.2/1", "rfc6455/5.2/5", "rfc6455/8.1/1");
        // Its TODO on close codes shows as NON-STRICT: it answers a bad code with an empty close, and TCP ends.
        CheckResult badCode = card.results().stream().filter(r -> r.id().equals("rfc6455/7.4/101")).findFirst().orElseThrow();
        assertThat(badCode.verdict()).isEqualTo(Verdict.NON_STRICT);
        CheckResult ping = card.results().stream().filter(r -> r.id().equals("rfc6455/5.5.2/1")).findFirst().orElseThrow();
        assertThat(ping.expected()).contains("PONG");
    }

    /**
     * Jetty 12 passes every case with no NON-STRICT. Its Jakarta whole-message handler checks
     * UTF-8 only when a message is complete; RFC 6455 asks for no fail-fast, so the 8.1/4xx
     * cases are OK and carry that observation in their transcripts.
     */
    @Test
    void jettyPassesEverythingAndItsLateUtf8CheckIsOnlyNoted() throws Exception {
        try (Targets.Running running = Targets.start(catalog, lesson, "jetty")) {
            Scorecard card = Grader.grade(lesson, running.url(), options(false), GradeListener.SILENT);
            assertThat(failed(card)).isEmpty();
            assertThat(card.count(Verdict.NON_STRICT)).isZero();
            assertThat(card.results()).filteredOn(r -> r.transcript().contains("the server waited for the end of the message"))
                    .extracting(CheckResult::id)
                    .allSatisfy(id -> assertThat(id).startsWith("rfc6455/8.1/4"))
                    .hasSize(UTF8_FAIL_FAST_CASES);
        }
    }

    static final int UTF8_FAIL_FAST_CASES = Utf8Cases.INVALID_FAIL_FAST.size();
}
