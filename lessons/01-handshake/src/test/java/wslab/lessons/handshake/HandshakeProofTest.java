package wslab.lessons.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.grader.CheckResult;
import wslab.grader.Scorecard;
import wslab.grader.targets.ImplTargetKind;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.reference.handshake.RawHandshakeServer;

/** Lesson 01's checks, proven both ways: the reference passes all, every check catches a broken server. */
class HandshakeProofTest extends LessonProofTest {

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("01").seed(6455)
                .reference()
                .starterFails("01.1", "01.4", "01.5", "01.7", "01.18")
                // Jetty's documented deviations (docs/jetty-deviations.md): a change here means Jetty
                // or a check changed, and both need a look.
                // 01.6: accepts a Sec-WebSocket-Key that is not base64 of 16 bytes (RFC 6455 §4.2.1 item 5).
                // 01.7: answers another version with 404 and no Sec-WebSocket-Version (RFC 6455 §4.2.2 item 4).
                // 01.9: answers a POST with 405 and no Allow field (RFC 9110 §15.5.6).
                .failsOnly("jetty", LessonProof.of("01").named("jetty"), "01.6", "01.7", "01.9");
        for (HandshakeMutants m : HandshakeMutants.values()) {
            proof.mutantServer(m.name(), m.server, m.caughtBy.toArray(String[]::new));
        }
        // The other way round: answers the RFC allows pass every check, even strictly.
        for (HandshakeVariants v : HandshakeVariants.values()) {
            proof.variantServer(v.name(), v.server);
        }
        return proof
                .also("the starter's 01.1 failure names the sample key and what was sent back", () -> {
                    Scorecard card = proof.gradeOn(proof.named("starter"), "01.1");
                    CheckResult sample = card.failures().get(0);
                    assertThat(sample.expected()).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
                    assertThat(sample.actual()).contains("the key itself");
                    assertThat(sample.transcript()).contains("GET /handshake HTTP/1.1").contains("101");
                })
                .also("the accept mistakes are named in the failure", () -> {
                    assertThat(actualOf(proof.gradeOn(mutant(proof, HandshakeMutants.ACCEPT_WITHOUT_GUID), "01.1")))
                            .contains("append the GUID");
                    assertThat(actualOf(proof.gradeOn(mutant(proof, HandshakeMutants.ACCEPT_IN_HEX), "01.1"))).contains("hex");
                })
                .also("the same seed draws the same keys", () -> {
                    String first = proof.gradeOn(proof.named("reference"), "01.3").results().get(0).transcript();
                    String second = proof.gradeOn(proof.named("reference"), "01.3").results().get(0).transcript();
                    assertThat(keysIn(first)).isNotEmpty().isEqualTo(keysIn(second));
                })
                .also("jetty's failures say what is missing", () -> {
                    Scorecard card = proof.gradeOn(proof.named("jetty"), "01.7", "01.9");
                    assertThat(card.failures()).hasSize(2);
                    assertThat(actualOf(card, "01.7")).contains("no Sec-WebSocket-Version");
                    assertThat(actualOf(card, "01.9")).contains("no Allow");
                })
                .also("the version-8 variant really opens a version-8 handshake, so 01.7 is proven on a server that speaks both",
                        HandshakeProofTest::draftVersion8IsSwitched)
                .also("a refused version says what was missing", () -> {
                    assertThat(actualOf(proof.gradeOn(mutant(proof, HandshakeMutants.UPGRADE_REQUIRED_WITHOUT_UPGRADE), "01.7"), "01.7"))
                            .contains("426").contains("Upgrade");
                    assertThat(actualOf(proof.gradeOn(mutant(proof, HandshakeMutants.VERSION_IGNORED), "01.7"), "01.7"))
                            .contains("101 Switching Protocols");
                });
    }

    private static void draftVersion8IsSwitched() throws Exception {
        try (LabServer server = HandshakeVariants.SPEAKS_DRAFT_VERSION_8_TOO.server.apply(LabEnvironment.system(8));
                Socket socket = new Socket()) {
            int port = server.start(0);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            String request = "GET " + RawHandshakeServer.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 8\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 101");
        }
    }

    private static wslab.grader.Target mutant(LessonProof proof, HandshakeMutants m) {
        return ImplTargetKind.server(m.name(), proof.lesson().paths().get(0), m.server);
    }

    private static String actualOf(Scorecard card) {
        return card.results().get(0).actual();
    }

    private static String actualOf(Scorecard card, String id) {
        return card.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().actual();
    }

    private static List<String> keysIn(String transcript) {
        return transcript.lines().filter(l -> l.contains("Sec-WebSocket-Key:")).map(String::trim).toList();
    }
}
