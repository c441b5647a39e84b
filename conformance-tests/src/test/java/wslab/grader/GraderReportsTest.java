package wslab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;

class GraderReportsTest {

    static Lesson lesson;
    /** One grade of the starter, shared: it fails some checks and passes others, which the reports need. */
    static Scorecard starterCard;

    @TempDir
    static Path dir;

    @BeforeAll
    static void gradeStarterOnce() throws Exception {
        LessonCatalog catalog = LessonCatalog.load();
        lesson = catalog.lesson("01").orElseThrow();
        try (Targets.Running running = Targets.start(catalog, lesson, "starter")) {
            starterCard = Grader.grade(lesson, running.url(), GradeOptions.defaults().withSeed(42), GradeListener.SILENT);
        }
    }

    @Test
    void checkIdsAreUniqueAndEveryCheckStatesItsSpec() {
        List<CheckInfo> checks = Grader.checksOf(lesson);
        assertThat(checks).hasSizeGreaterThanOrEqualTo(12);
        Set<String> ids = new HashSet<>();
        for (CheckInfo c : checks) {
            assertThat(ids.add(c.id())).as("duplicate id " + c.id()).isTrue();
            assertThat(c.id()).matches("01\\.\\d+");
            assertThat(c.title()).isNotBlank().doesNotEndWith(".");
            assertThat(c.spec()).startsWith("RFC ");
            assertThat(c.points()).isPositive();
        }
    }

    @Test
    void idsSortNumerically() {
        assertThat(List.of("01.10", "01.2", "01.1", "rfc6455/5.5/10", "rfc6455/5.5/9").stream()
                .sorted(CheckResult::compareIds).toList())
                .containsExactly("01.1", "01.2", "01.10", "rfc6455/5.5/9", "rfc6455/5.5/10");
    }

    @Test
    void junitXmlHasOneTestcasePerCheckNamedByIdAndTitle() throws Exception {
        Path xml = dir.resolve("lesson-01.xml");
        JUnitXmlReport.write(starterCard, xml);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(starterCard.results().size());
        assertThat(((Element) cases.item(0)).getAttribute("name")).startsWith("01.1 The RFC's sample key");
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(starterCard.failures().size());
        assertThat(suite.getAttribute("failures")).isEqualTo(Integer.toString(starterCard.failures().size()));
    }

    @Test
    void htmlReportIsSelfContainedAndCarriesTranscriptsAndSeed() throws Exception {
        Path html = dir.resolve("lesson-01.html");
        HtmlReport.write(starterCard, html);
        String page = Files.readString(html);
        assertThat(page).contains("--seed 42").contains("Wire transcript").contains("GET /handshake HTTP/1.1")
                .contains("FAILED").doesNotContain("<script").doesNotContain("<link");
    }

    @Test
    void lastGradeIsReadBack() throws IOException {
        GradeReports reports = new GradeReports(dir.resolve("last"));
        assertThat(reports.lastGrade("01")).isEmpty();
        reports.write(starterCard);
        assertThat(reports.lastGrade("01")).hasValueSatisfying(s -> assertThat(s).contains(starterCard.percent() + "%").contains("fail"));
    }

    @Test
    void anUnreachableTargetFailsEveryCheckWithAReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Scorecard card = Grader.grade(lesson, URI.create("ws://127.0.0.1:" + closedPort + "/handshake"),
                GradeOptions.defaults().withSeed(1), GradeListener.SILENT);
        assertThat(card.percent()).isZero();
        assertThat(card.results()).allSatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(r.actual()).containsAnyOf("could not connect", "Connection refused");
        });
    }

    @Test
    void progressIsReportedForEveryCheck() throws Exception {
        LessonCatalog catalog = LessonCatalog.load();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Targets.Running running = Targets.start(catalog, lesson, "reference")) {
            Grader.grade(lesson, running.url(), GradeOptions.defaults(), new GradeListener() {
                @Override
                public void checkFinished(CheckResult result, int done, int total) {
                    seen.add(done + "/" + total);
                }
            });
        }
        int n = Grader.checksOf(lesson).size();
        assertThat(seen).hasSize(n).contains("1/" + n, n + "/" + n);
    }
}
