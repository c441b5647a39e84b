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
                // 01.9: answers a POST with 405 and no Allow field (RFC 9110 §15.5.6).
                .containsExactly("01.6", "01.7", "01.9");
        assertThat(actualOf(card, "01.7")).contains("no Sec-WebSocket-Version");
        assertThat(actualOf(card, "01.9")).contains("no Allow");
    }

    private static String actualOf(Scorecard card, String id) {
        return card.failures().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().actual();
    }
}
