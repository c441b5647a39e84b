package wslab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import wslab.api.Lesson;
import wslab.grader.targets.ImplTargetKind;

/**
 * A server that answers with control bytes and broken UTF-8 must still get reports that CI
 * tools can read: strict XML parsers accept the JUnit XML and the HTML, and the bytes show as hex.
 */
class UnprintableBytesReportTest {

    static Lesson lesson;
    static Scorecard card;
    static GradeReports reports;

    @TempDir
    static Path dir;

    @BeforeAll
    static void gradeTheGarbageServer() throws Exception {
        lesson = TestLessons.rfc6455();
        // On virtual time: the cases that wait out a timeout cost nothing.
        card = Grader.grade(lesson, ImplTargetKind.server("garbage server", "/frames", GarbageServer::new),
                GradeOptions.defaults().withSeed(7).withTimeoutMillis(1000).withVirtualTime(true), GradeListener.SILENT);
        reports = new GradeReports(dir);
        reports.write(card);
    }

    @Test
    void theServerFailsChecksAndTheirTranscriptsShowItsBytesAsHex() {
        assertThat(card.failures()).hasSizeGreaterThan(100);
        CheckResult ping = result("rfc6455/5.5.2/1");
        assertThat(ping.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(ping.transcript()).contains("PONG fin unmasked len=" + GarbageServer.GARBAGE.length + " hex 00 01 02 03");
        assertThat(ping.actual()).contains("hex 00 01 02 03");
        // A text frame is shown as text only when it is valid UTF-8 without control characters.
        CheckResult echo = result("rfc6455/5.2/1");
        assertThat(echo.transcript()).contains("← TEXT fin unmasked len=" + GarbageServer.GARBAGE.length + " hex 00 01");
    }

    @Test
    void theJUnitXmlIsWellFormedForAStrictParser() throws Exception {
        Path xml = reports.xml(lesson.id());
        assertNoCharacterXmlForbids(Files.readString(xml));
        Document doc = strictParser().parse(xml.toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(card.results().size());
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(card.failures().size());
        assertThat(doc.getDocumentElement().getTextContent()).contains("hex 00 01 02 03");
    }

    @Test
    void theHtmlReportHasNoRawControlCharactersAndParsesAsXml() throws Exception {
        Path html = reports.html(lesson.id());
        String page = strictUtf8(Files.readAllBytes(html));
        page.codePoints().forEach(c -> assertThat(allowedInHtml(c))
                .as("U+%04X in the HTML report", c).isTrue());
        strictParser().parse(html.toFile());
        assertThat(page).contains("hex 00 01 02 03");
    }

    @Test
    void theConsoleSummaryHasNoRawControlCharacters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConsoleScorecard(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .summary(card, reports.html(lesson.id()), reports.xml(lesson.id()));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("rfc6455/5.5.2/1");
        out.codePoints().forEach(c -> assertThat(c == '\n' || c == '\t' || !Character.isISOControl(c))
                .as("U+%04X on the console", c).isTrue());
    }

    private static CheckResult result(String id) {
        return card.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** Namespace aware, not validating, and every warning or error is fatal: as strict as CI report parsers. */
    private static DocumentBuilder strictParser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return b;
    }

    private static void assertNoCharacterXmlForbids(String text) {
        text.codePoints().forEach(c -> assertThat(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF))
                .as("U+%04X is not an XML 1.0 character", c).isTrue());
    }

    /** HTML's parse errors for raw characters: controls other than whitespace, surrogates, noncharacters. */
    private static boolean allowedInHtml(int c) {
        boolean whitespace = c == '\t' || c == '\n' || c == '\f' || c == '\r';
        boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
        boolean surrogate = c >= 0xD800 && c <= 0xDFFF;
        boolean nonCharacter = (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
        return whitespace || !(control || surrogate || nonCharacter);
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
