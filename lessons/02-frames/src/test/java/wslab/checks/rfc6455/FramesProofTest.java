package wslab.checks.rfc6455;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import wslab.grader.CheckInfo;
import wslab.grader.CheckResult;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.grader.Target;
import wslab.grader.Verdict;
import wslab.grader.targets.ImplTargetKind;
import wslab.lessons.frames.Connection;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.reference.frames.EchoSession;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/**
 * The RFC 6455 suite (lesson 02's checks), proven both ways: the reference passes, each mutant
 * is caught, and each variant the RFC allows passes strictly. All on virtual time but the
 * reference's one real-time grade and Jetty's.
 */
class FramesProofTest extends LessonProofTest {

    /**
     * The starter's frame layer on a working handshake (the learner's lesson 01 is what the real
     * starter uses): small single frames pass, everything its TODOs name fails with a reason.
     */
    static Target starterFrameLayer() {
        return ImplTargetKind.server("the starter's frame layer on the reference handshake", "/frames",
                env -> new RawHandshakeServer(env, new HandshakeNegotiator("/frames", List.of())) {
                    @Override
                    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
                        new Connection(in, out).run();
                    }
                });
    }

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("02").seed(6455)
                .reference()
                // The starter stands on the learner's lesson 01: until that handshake works, nothing passes.
                .starterFails("rfc6455/5.2/1", "rfc6455/5.5.2/1")
                .fails("the starter's frame layer", starterFrameLayer(), "rfc6455/5.2/6", "rfc6455/5.1/1", "rfc6455/5.2/101",
                        "rfc6455/5.5.2/1", "rfc6455/5.4/1", "rfc6455/8.1/201")
                .passes("the starter's frame layer", starterFrameLayer(), "rfc6455/5.2/1", "rfc6455/5.2/5", "rfc6455/8.1/1");
        for (FramesMutants m : FramesMutants.values()) {
            if (m.strict) {
                proof.strictMutantServer(m.name(), m.server(), m.caughtBy.toArray(String[]::new));
            } else {
                proof.mutantServer(m.name(), m.server(), m.caughtBy.toArray(String[]::new));
            }
        }
        // The other way round: what the RFC leaves to the server never fails, not even strictly.
        for (FramesVariants v : FramesVariants.values()) {
            proof.variantServer(v.name(), v.server(), v.only.toArray(String[]::new));
        }
        return proof
                .also("the variants leave their notes in the transcripts", () -> {
                    for (FramesVariants v : FramesVariants.values()) {
                        // A variant graded on every case above leaves its note in the closing cases too.
                        String[] where = v.only.isEmpty() ? new String[] {"rfc6455/5.5.1"} : v.only.toArray(String[]::new);
                        Scorecard card = proof.gradeOn(proof.server(v.name(), v.server()), true, where);
                        assertThat(card.results()).as(v.name() + " leaves its note in a transcript")
                                .anySatisfy(r -> assertThat(r.transcript()).contains(v.note));
                    }
                })
                .also("a failure with the wrong close frame is NON-STRICT, FAILED only under --strict (§7.1.7)", () -> {
                    List<String> shouldCases = List.of("rfc6455/5.2/101", "rfc6455/5.2/201", "rfc6455/5.2/301", "rfc6455/5.5/1",
                            "rfc6455/5.4/201", "rfc6455/8.1/201", "rfc6455/8.1/301", "rfc6455/8.1/401", "rfc6455/7.4/101",
                            "rfc6455/5.5.1/4", "rfc6455/5.5.1/5");
                    List<String> mayCases = List.of("rfc6455/5.1/1", "rfc6455/5.1/2", "rfc6455/5.1/3", "rfc6455/5.1/4");
                    List<String> all = new ArrayList<>(shouldCases);
                    all.addAll(mayCases);
                    for (FailureCloseFilter.Mode mode : FailureCloseFilter.Mode.values()) {
                        for (boolean strict : new boolean[] {false, true}) {
                            Scorecard card = proof.gradeOn(proof.server("fails with the close frame " + mode,
                                    FramesMutants.server((in, out) -> new EchoSession(in, new FailureCloseFilter(out, mode)))),
                                    strict, all.toArray(String[]::new));
                            assertThat(card.results()).hasSize(all.size());
                            Verdict expected = strict ? Verdict.FAILED : Verdict.NON_STRICT;
                            assertThat(card.results()).filteredOn(r -> shouldCases.contains(r.id()))
                                    .allSatisfy(r -> assertThat(r.verdict()).as(mode + " " + r.id() + ": " + r.actual()).isEqualTo(expected));
                            assertThat(card.results()).filteredOn(r -> mayCases.contains(r.id()))
                                    .allSatisfy(r -> assertThat(r.verdict()).as(mode + " " + r.id() + ": " + r.actual()).isEqualTo(Verdict.OK));
                        }
                    }
                })
                .also("a failure says which skipped frames arrived", () -> {
                    Scorecard card = proof.gradeOn(proof.server("unmasked frames accepted", FramesMutants.UNMASKED_FRAMES_ACCEPTED.server()),
                            "rfc6455/5.1/3");
                    CheckResult ping = card.results().get(0);
                    assertThat(ping.verdict()).isEqualTo(Verdict.FAILED);
                    assertThat(ping.actual()).contains("a PONG (5 bytes) arrived, but no close");
                })
                .also("the starter's frame layer says what a pong should have been, and its close-code TODO is NON-STRICT", () -> {
                    Scorecard card = proof.gradeOn(starterFrameLayer(), "rfc6455/5.5.2/1", "rfc6455/7.4/101");
                    assertThat(card.results()).filteredOn(r -> r.id().equals("rfc6455/5.5.2/1")).singleElement()
                            .satisfies(r -> assertThat(r.expected()).contains("PONG"));
                    assertThat(card.results()).filteredOn(r -> r.id().equals("rfc6455/7.4/101")).singleElement()
                            .satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.NON_STRICT));
                })
                .also("the suite has at least 300 cases with unique ids named after RFC sections", () -> {
                    List<CheckInfo> cases = Grader.checksOf(proof.lesson());
                    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
                    assertThat(cases).extracting(CheckInfo::id).doesNotHaveDuplicates()
                            .allSatisfy(id -> assertThat(id).matches("rfc6455/\\d+(\\.\\d+)*/\\d+"));
                    assertThat(cases).allSatisfy(c -> assertThat(c.spec()).startsWith("RFC 6455 §"));
                    Map<String, Integer> perSection = new TreeMap<>();
                    cases.forEach(c -> perSection.merge(c.id().split("/")[1], 1, Integer::sum));
                    assertThat(perSection).containsKeys("5.1", "5.2", "5.4", "5.5", "7.4", "8.1");
                })
                // Jetty 12 passes every case with no NON-STRICT. Its Jakarta whole-message handler checks
                // UTF-8 only when a message is complete; RFC 6455 asks for no fail-fast, so the 8.1/4xx
                // cases are OK and carry that observation in their transcripts.
                .also("jetty passes everything, and its late UTF-8 check is only noted", () -> {
                    Scorecard card = proof.gradeOn(proof.named("jetty"));
                    assertThat(card.failures()).extracting(CheckResult::id).isEmpty();
                    assertThat(card.count(Verdict.NON_STRICT)).isZero();
                    assertThat(card.results()).filteredOn(r -> r.transcript().contains("the server waited for the end of the message"))
                            .extracting(CheckResult::id)
                            .containsExactlyInAnyOrderElementsOf(CaseIds.all(CaseIds.of(Utf8Cases.INVALID_FAIL_FAST),
                                    CaseIds.of(Utf8Cases.FAIL_FAST_PARTS)));
                });
    }
}
