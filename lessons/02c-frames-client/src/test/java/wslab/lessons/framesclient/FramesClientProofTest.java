package wslab.lessons.framesclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import wslab.browser.HeadlessChromium;
import wslab.grader.CheckInfo;
import wslab.grader.CheckResult;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.grader.Target;
import wslab.grader.Verdict;
import wslab.grader.targets.ClientCommandTargetKind;
import wslab.grader.targets.ImplTargetKind;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.reference.frames.EchoClientMutants;
import wslab.reference.frames.EchoClientProgram;

/**
 * The RFC 6455 client suite (lesson 02c), proven both ways: the reference client passes every
 * case strictly, each mutant is caught by its cases, a client that leaves out what the RFC
 * words as SHOULD or MAY is not failed for it, and the third-party clients (Java's
 * {@code java.net.http}, Jetty's, Chromium's, and lesson 04's transport on the simulator) get
 * exactly the verdicts docs/client-deviations.md explains. Java mutants run on virtual time;
 * the real clients on the real clock.
 */
class FramesClientProofTest extends LessonProofTest {

    /** The cases that fail a connection (§7.1.7): where the close frame before the TCP close is a SHOULD. */
    static final List<String> FAILURE_CASES = Stream.of(
            range("5.2", 101, 107), range("5.2", 201, 210), range("5.4", 201, 205), range("5.5", 1, 6),
            ids("5.5.1/4", "5.5.1/5"), range("7.4", 101, 111), range("8.1", 201, 208), range("8.1", 301, 304))
            .flatMap(List::stream).toList();

    /** The cases that need a binary echo, which lesson 04's transport cannot send. */
    static final List<String> BINARY_ECHOES = Stream.of(range("5.2", 9, 16), ids("5.4/5", "5.4/6")).flatMap(List::stream).toList();

    /** A client in "any language": the reference run as a program speaking the echo-client contract. */
    static Target referenceAsAProgram() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ClientCommandTargetKind.of(java + " -cp " + System.getProperty("java.class.path") + " "
                + EchoClientProgram.class.getName() + " " + ClientCommandTargetKind.URL_PLACEHOLDER + " "
                + ClientCommandTargetKind.SEED_PLACEHOLDER);
    }

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("02c").seed(6456).realJobs(8);
        proof.reference()
                .starterFails("rfc6455-client/5.1/1", "rfc6455-client/5.2/4", "rfc6455-client/5.4/1",
                        "rfc6455-client/5.5.2/1", "rfc6455-client/8.1/201", "rfc6455-client/7.1.5/1")
                .passes("the starter", proof.named("starter"), "rfc6455-client/5.2/1", "rfc6455-client/5.2/3",
                        "rfc6455-client/5.2/9", "rfc6455-client/5.3/1");
        for (EchoClientMutants m : EchoClientMutants.values()) {
            proof.mutant(m.name(), ImplTargetKind.client("mutant " + m.name(), m.client()), m.strict,
                    m.caughtBy.toArray(String[]::new));
        }
        Target silentFailure = ImplTargetKind.client("fails without a close frame", EchoClientMutants.failsWithoutACloseFrame());
        Target transport = ImplTargetKind.client("lesson 04's transport", TransportEchoClient::new);
        return proof
                // The close frame of a failure is a SHOULD (§7.1.7), and on a masked frame a MAY (§5.1).
                .passes("a client that drops the connection on a masked frame without a close frame", silentFailure,
                        "rfc6455-client/5.1")
                .also("a client that fails without a close frame is NON-STRICT, FAILED only under --strict (§7.1.7)", () -> {
                    String[] cases = {"rfc6455-client/5.2/101", "rfc6455-client/5.2/201", "rfc6455-client/5.5/1"};
                    for (boolean strict : new boolean[] {false, true}) {
                        Scorecard card = proof.gradeOn(silentFailure, strict, cases);
                        assertThat(card.results()).hasSize(cases.length).allSatisfy(r -> assertThat(r.verdict())
                                .as(r.id() + ": " + r.actual()).isEqualTo(strict ? Verdict.FAILED : Verdict.NON_STRICT));
                    }
                })
                .also("the suite's cases have unique ids named after RFC 6455 sections, none of them the server suite's", () -> {
                    List<CheckInfo> cases = Grader.checksOf(proof.lesson());
                    assertThat(cases).hasSizeGreaterThanOrEqualTo(110);
                    assertThat(cases).extracting(CheckInfo::id).doesNotHaveDuplicates()
                            .allSatisfy(id -> assertThat(id).matches("rfc6455-client/\\d+(\\.\\d+)*/\\d+"));
                    assertThat(cases).allSatisfy(c -> assertThat(c.spec()).startsWith("RFC 6455 §"));
                    Map<String, Integer> perSection = new TreeMap<>();
                    cases.forEach(c -> perSection.merge(c.id().split("/")[1], 1, Integer::sum));
                    assertThat(perSection).containsKeys("5.1", "5.2", "5.3", "5.4", "5.5", "5.5.1", "5.5.2", "7.1.1", "7.1.5",
                            "7.4", "8.1");
                })
                // The simulator's WebSocket client, which lesson 04's solutions get from env.openWebSocket on
                // virtual time, is a conforming client: strict on every case it can be graded on.
                .also("lesson 04's transport on virtual time (the simulator's client) passes every text case strictly", () -> {
                    List<String> textOnly = Grader.checksOf(proof.lesson()).stream().map(CheckInfo::id)
                            .filter(id -> !BINARY_ECHOES.contains(id)).toList();
                    Scorecard card = proof.gradeOn(transport, true, textOnly.toArray(String[]::new));
                    assertThat(card.results()).as("every case but the binary echoes is graded").hasSize(textOnly.size());
                    assertThat(card.results()).as(String.join("\n", describe(card)))
                            .allSatisfy(r -> assertThat(r.verdict()).as(r.id()).isEqualTo(Verdict.OK));
                })
                .passes("the reference run as a program", referenceAsAProgram(), "rfc6455-client/5.2/2",
                        "rfc6455-client/5.1/1", "rfc6455-client/7.1.5")
                // Java's java.net.http.WebSocket: it fails no MUST. On a protocol error it usually drops the TCP
                // connection without its close frame (sometimes the close frame gets out first: a race), and
                // it closes TCP before the server after the closing handshake.
                .also("jdk fails nothing; it is NON-STRICT only where it drops a failed connection without a close frame, and"
                        + " on 7.1.1/1", () -> {
                    Scorecard card = proof.gradeOn(proof.named("jdk"));
                    assertThat(card.failures()).as(String.join("\n", describe(card))).isEmpty();
                    Set<String> nonStrict = ids(card, Verdict.NON_STRICT);
                    assertThat(nonStrict).contains("rfc6455-client/7.1.1/1");
                    assertThat(nonStrict).as(String.join("\n", describe(card)))
                            .isSubsetOf(sorted(FAILURE_CASES, ids("7.1.1/1")))
                            .hasSizeGreaterThan(FAILURE_CASES.size() / 2);
                })
                // Jetty 12's client: one NON-STRICT, and a reason ("Session Closed") where no close frame came.
                .also("jetty fails nothing and is NON-STRICT only on 7.1.1/1", () -> {
                    Scorecard card = proof.gradeOn(proof.named("jetty"));
                    assertThat(card.failures()).as(String.join("\n", describe(card))).isEmpty();
                    assertThat(ids(card, Verdict.NON_STRICT)).as(String.join("\n", describe(card)))
                            .containsExactly("rfc6455-client/7.1.1/1");
                    assertThat(card.results()).filteredOn(r -> r.id().equals("rfc6455-client/7.1.5/3")).singleElement()
                            .satisfies(r -> assertThat(r.transcript()).contains("the reason 'Session Closed'"));
                })
                // Chromium's WebSocket, in headless Chromium.
                .onlyWhen(HeadlessChromium::unavailableReason)
                .also("chromium fails nothing; it is NON-STRICT where it fails invalid UTF-8 with 1002 and echoes invalid close codes", () -> {
                    Scorecard card = proof.gradeOn(proof.named("chromium"));
                    assertThat(card.failures()).as(String.join("\n", describe(card))).isEmpty();
                    assertThat(ids(card, Verdict.NON_STRICT)).as(String.join("\n", describe(card))).isEqualTo(sorted(
                            ids("5.5.1/5"), range("7.4", 101, 103), range("7.4", 106, 111), range("8.1", 201, 208),
                            range("8.1", 301, 304)));
                });
    }

    static List<String> ids(String... ids) {
        return Stream.of(ids).map(id -> "rfc6455-client/" + id).toList();
    }

    static List<String> range(String section, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "rfc6455-client/" + section + "/" + n).toList();
    }

    @SafeVarargs
    static Set<String> sorted(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> ids(Scorecard card, Verdict verdict) {
        return card.results().stream().filter(r -> r.verdict() == verdict).map(CheckResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> describe(Scorecard card) {
        List<String> lines = new ArrayList<>();
        card.results().stream().filter(r -> r.verdict() != Verdict.OK)
                .forEach(r -> lines.add(r.id() + " " + r.verdict().label() + ": " + r.actual()));
        return lines;
    }
}
