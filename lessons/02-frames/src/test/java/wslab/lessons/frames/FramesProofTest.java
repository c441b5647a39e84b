package wslab.lessons.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/** The RFC 6455 suite (lesson 02's checks), proven both ways. */
class FramesProofTest extends LessonProofTest {

    /** How many of the UTF-8 cases Jetty fails to fail fast on: NON-STRICT, as Autobahn rates it. */
    static final int UTF8_FAIL_FAST_CASES = 29;

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
        LessonProof proof = LessonProof.of("02").seed(6455).timeoutMillis(1500)
                .reference()
                // The starter stands on the learner's lesson 01: until that handshake works, nothing passes.
                .starterFails("rfc6455/5.2/1", "rfc6455/5.5.2/1")
                .fails("the starter's frame layer", starterFrameLayer(), "rfc6455/5.2/6", "rfc6455/5.1/1", "rfc6455/5.2/101",
                        "rfc6455/5.5.2/1", "rfc6455/5.4/1", "rfc6455/8.1/201", "rfc6455/7.4/101")
                .passes("the starter's frame layer", starterFrameLayer(), "rfc6455/5.2/1", "rfc6455/5.2/5", "rfc6455/8.1/1");
        for (FramesMutants m : FramesMutants.values()) {
            if (m.strict) {
                proof.strictMutantServer(m.name(), m.server(), m.caughtBy.toArray(String[]::new));
            } else {
                proof.mutantServer(m.name(), m.server(), m.caughtBy.toArray(String[]::new));
            }
        }
        return proof
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
                .also("the starter's frame layer says what a pong should have been", () -> {
                    Scorecard card = proof.gradeOn(starterFrameLayer(), "rfc6455/5.5.2/1");
                    assertThat(card.failures()).hasSize(1);
                    assertThat(card.failures().get(0).expected()).contains("PONG");
                })
                .also("jetty fails nothing, and only the fail-fast UTF-8 cases are NON-STRICT", () -> {
                    Scorecard card = proof.gradeOn(proof.named("jetty"));
                    assertThat(card.failures()).extracting(CheckResult::id).isEmpty();
                    // Jetty's Jakarta whole-message handler validates UTF-8 only when the message is complete.
                    assertThat(card.results()).filteredOn(r -> r.verdict() == Verdict.NON_STRICT).extracting(CheckResult::id)
                            .allSatisfy(id -> assertThat(id).startsWith("rfc6455/8.1/4"))
                            .hasSize(UTF8_FAIL_FAST_CASES);
                });
    }
}
