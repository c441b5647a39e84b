package wslab.checks.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import wslab.grader.CheckResult;
import wslab.grader.Scorecard;

/**
 * Jetty 12's own handshake, graded as a third-party sanity check of the checks. Each check it
 * fails is a Jetty deviation written down in docs/jetty-deviations.md with its RFC clause; a
 * change in this list means either Jetty changed or a check did, and both need a look.
 */
class JettyHandshakeTest {

    @Test
    void jettyFailsOnlyItsDocumentedDeviations() throws Exception {
        Scorecard card = HandshakeChecksProofTest.grade("jetty");
        assertThat(card.failures()).extracting(CheckResult::id)
                // 01.6: accepts a Sec-WebSocket-Key that is not base64 of 16 bytes (RFC 6455 §4.2.1 item 5).
                // 01.7: answers another version with 404 and no Sec-WebSocket-Version (RFC 6455 §4.2.2 item 4).
                .containsExactly("01.6", "01.7");
        CheckResult version = card.failures().stream().filter(r -> r.id().equals("01.7")).findFirst().orElseThrow();
        assertThat(version.actual()).contains("no Sec-WebSocket-Version");
    }
}
