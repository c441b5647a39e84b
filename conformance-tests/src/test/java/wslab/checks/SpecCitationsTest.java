package wslab.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import wslab.grader.CheckInfo;
import wslab.grader.Grader;

/** Every spec of lesson 01 and of the RFC 6455 server and client suites names clauses that exist. */
class SpecCitationsTest {

    static List<CheckInfo> checks() {
        return Stream.of("01", "rfc6455").flatMap(id -> Grader.checksOf(SuiteLessons.byId(id)).stream()).toList();
    }

    /** The client suite's cases (lesson 02c). */
    static List<CheckInfo> clientChecks() {
        return Grader.checksOf(SuiteLessons.rfc6455Client());
    }

    @Test
    void everySpecCitesOnlyClausesThatExist() {
        List<CheckInfo> checks = Stream.concat(checks().stream(), clientChecks().stream()).toList();
        assertThat(checks()).hasSizeGreaterThan(300);
        assertThat(clientChecks()).hasSizeGreaterThan(100);
        assertThat(checks).allSatisfy(c -> assertThat(RfcClauses.parse(c.spec()))
                .as(c.id() + " cites '" + c.spec() + "'")
                .isNotEmpty()
                .allSatisfy(clause -> assertThat(RfcClauses.exists(clause)).as(clause.key()).isTrue()));
    }

    @Test
    void theReaderExpandsItemRangesAndCarriesTheRfcOver() {
        assertThat(RfcClauses.parse("RFC 6455 §4.2.2 items 5.2-5.3")).extracting(RfcClauses.Clause::key)
                .containsExactly("6455 §4.2.2 item 5.2", "6455 §4.2.2 item 5.3");
        assertThat(RfcClauses.parse("RFC 6455 §4.2.2 item 4 /version/, §4.4, RFC 9110 §15.5.22"))
                .extracting(RfcClauses.Clause::key)
                .containsExactly("6455 §4.2.2 item 4 /version/", "6455 §4.4", "9110 §15.5.22");
        assertThat(RfcClauses.parse("RFC 6455 §4.2.1, RFC 9293 §2.2 (TCP is a byte stream)"))
                .extracting(RfcClauses.Clause::key).containsExactly("6455 §4.2.1", "9293 §2.2");
    }

    /** The table can say no: clauses the checks once cited wrongly, or that no RFC has. */
    @Test
    void clausesThatDoNotExistAreRejected() {
        assertThat(RfcClauses.parse("RFC 6455 §4.2.2 item 5.7")).noneMatch(RfcClauses::exists);
        assertThat(RfcClauses.parse("RFC 6455 §4.2.2 item 4 /protocol/")).noneMatch(RfcClauses::exists);
        assertThat(RfcClauses.parse("RFC 6455 §5.2 Length")).noneMatch(RfcClauses::exists);
        assertThat(RfcClauses.parse("RFC 6455 §4.5")).noneMatch(RfcClauses::exists);
        assertThat(RfcClauses.parse("RFC 9110 §15.5.23")).noneMatch(RfcClauses::exists);
        assertThatThrownBy(() -> RfcClauses.parse("§5.2")).hasMessageContaining("names no RFC");
        assertThatThrownBy(() -> RfcClauses.parse("RFC 6455 section 5")).hasMessageContaining("is not");
    }
}
