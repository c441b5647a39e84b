package wslab.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import wslab.grader.CheckInfo;
import wslab.grader.Level;

/**
 * docs/verdict-levels.md against the code: the table's groups cover every check of lesson 01
 * and of the RFC 6455 suite once, the client table's every case of the client suite (lesson 02c), carry the specs the checks declare, give each keyword its
 * verdict and cite only clauses that exist. What a server really gets is proven by the proof
 * tests' mutants and variants; this test keeps the page from drifting away from the checks.
 */
class VerdictLevelsDocTest {

    static final Map<String, Set<String>> VERDICTS_OF = Map.of(
            "MUST", Set.of("FAILED"),
            "contract", Set.of("FAILED"),
            "SHOULD", Set.of("NON-STRICT"),
            "MAY", Set.of("INFO", "—"),
            "none", Set.of("INFO", "—"));

    record Row(String checks, String spec, String rule, String clause, String keyword, String verdict) {
    }

    record Group(List<String> ids, String spec, List<Row> rows) {
    }

    @Test
    void theTableMatchesTheChecks() throws IOException {
        requireTableMatches("| Checks |", SpecCitationsTest.checks());
    }

    @Test
    void theClientTableMatchesTheClientSuite() throws IOException {
        requireTableMatches("| Client cases |", SpecCitationsTest.clientChecks());
    }

    private static void requireTableMatches(String header, List<CheckInfo> declared) throws IOException {
        List<Group> groups = groups(tableRows(header));
        Map<String, CheckInfo> checks = declared.stream()
                .collect(Collectors.toMap(CheckInfo::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));

        List<String> listed = groups.stream().flatMap(g -> g.ids().stream()).toList();
        assertThat(listed).as("ids listed twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(listed)).as("the table's ids against the checks").isEqualTo(checks.keySet());

        for (Group g : groups) {
            Set<String> clausesInRows = new HashSet<>();
            for (Row r : g.rows()) {
                assertThat(VERDICTS_OF).as(g.ids() + ": keyword '" + r.keyword() + "'").containsKey(r.keyword());
                assertThat(VERDICTS_OF.get(r.keyword())).as(g.ids() + " '" + r.rule() + "': " + r.keyword() + " gives")
                        .contains(r.verdict());
                clausesInRows.addAll(clauseKeys(r.clause()));
            }
            for (String id : g.ids()) {
                CheckInfo c = checks.get(id);
                assertThat(g.spec()).as(id + "'s spec").isEqualTo(c.spec());
                if (c.level() == Level.INFO) {
                    assertThat(g.rows()).as(id + " is INFO: no row may fail it").allSatisfy(r -> assertThat(r.verdict()).isIn("INFO", "—"));
                } else {
                    assertThat(g.rows()).as(id + " is MUST: some row fails it").anySatisfy(r -> assertThat(r.verdict()).isEqualTo("FAILED"));
                }
            }
            assertThat(clausesInRows).as(g.ids() + ": every clause of its spec has a rule")
                    .containsAll(RfcClauses.parse(g.spec()).stream().map(RfcClauses.Clause::key).toList());
        }
    }

    @Test
    void theSharedRulesCiteClausesThatExist() throws IOException {
        for (String header : List.of("| Rule |", "| Client rule |")) {
            List<List<String>> rows = tableRows(header);
            assertThat(rows).as(header).isNotEmpty();
            rows.forEach(r -> clauseKeys(r.get(1)));
        }
    }

    /** The keys of the clauses in a Clause cell; a lesson's contract is no RFC clause. */
    private static List<String> clauseKeys(String cell) {
        if (cell.matches("lesson \\d+[a-z]? contract")) {
            return List.of();
        }
        List<RfcClauses.Clause> clauses = RfcClauses.parse(cell);
        assertThat(clauses).as("'" + cell + "'").allSatisfy(c -> assertThat(RfcClauses.exists(c)).as(c.key()).isTrue());
        return clauses.stream().map(RfcClauses.Clause::key).toList();
    }

    private static List<Group> groups(List<List<String>> rows) {
        List<Group> groups = new ArrayList<>();
        for (List<String> cells : rows) {
            assertThat(cells).as(String.join(" | ", cells)).hasSize(6);
            Row row = new Row(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4), cells.get(5));
            if (!row.checks().isEmpty()) {
                groups.add(new Group(ids(row.checks()), row.spec(), new ArrayList<>()));
            }
            assertThat(groups).as("a row before the first group").isNotEmpty();
            groups.get(groups.size() - 1).rows().add(row);
        }
        return groups;
    }

    /** "01.5, 01.6" or "rfc6455/5.2/1-34": ids, and ranges over the last number. */
    static List<String> ids(String cell) {
        List<String> ids = new ArrayList<>();
        for (String item : cell.split(",\\s*")) {
            int cut = Math.max(item.lastIndexOf('/'), item.lastIndexOf('.')) + 1;
            String last = item.substring(cut);
            if (last.contains("-")) {
                String[] bounds = last.split("-");
                for (int i = Integer.parseInt(bounds[0]); i <= Integer.parseInt(bounds[1]); i++) {
                    ids.add(item.substring(0, cut) + i);
                }
            } else {
                ids.add(item);
            }
        }
        return ids;
    }

    /** The body rows of the table whose header starts with {@code header}, as trimmed cells without backticks. */
    private static List<List<String>> tableRows(String header) throws IOException {
        List<String> lines = Files.readAllLines(page());
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(header)) {
            at++;
        }
        assertThat(at).as("a table headed '" + header + "' in " + page()).isLessThan(lines.size());
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).trim();
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.replace("`", "").trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Path page() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/verdict-levels.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/verdict-levels.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("docs/verdict-levels.md");
    }
}
