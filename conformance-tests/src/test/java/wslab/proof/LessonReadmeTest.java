package wslab.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import wslab.api.Lesson;
import wslab.checks.SuiteLessons;

/**
 * {@link LessonReadme} both ways, on the real READMEs of lesson 01 and of the suites (02, 02c):
 * as they are, they match the code; with each kind of drift the audit of issue #10 found put
 * back, they fail and name the drift.
 */
class LessonReadmeTest {

    static final Lesson HANDSHAKE = SuiteLessons.handshake();
    static final Path ROOT = LessonReadme.repositoryRoot();

    static final Lesson FRAMES = SuiteLessons.rfc6455();

    static String readme() throws IOException {
        return Files.readString(ROOT.resolve("lessons/01-handshake/README.md"));
    }

    static String framesReadme() throws IOException {
        return Files.readString(ROOT.resolve("lessons/02-frames/README.md"));
    }

    static LessonReadme with(String text) {
        return LessonReadme.of(HANDSHAKE, ROOT, text);
    }

    static LessonReadme framesWith(String text) {
        return LessonReadme.of(FRAMES, ROOT, text);
    }

    static String replaced(String text, String old, String now) {
        assertThat(text).as("the README still has the text the test changes").contains(old);
        return text.replace(old, now);
    }

    @Test
    void lessonOnesReadmeMatchesItsChecks() throws IOException {
        with(readme()).requireMatchesTheCode();
    }

    @Test
    void aSpecCellThatIsNotTheChecksSpecFails() throws IOException {
        String drifted = replaced(readme(), "| that exact value | RFC 6455 §4.2.2 item 5.4 |\n| 01.2",
                "| that exact value | RFC 6455 §1.3 |\n| 01.2");
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .hasMessageContaining("01.1's Spec cell is 'RFC 6455 §1.3', the check declares 'RFC 6455 §4.2.2 item 5.4'");
    }

    @Test
    void pointsTheCheckIsNotWorthFail() throws IOException {
        String drifted = replaced(readme(), "| 01.18 | 2 |", "| 01.18 | 1 |");
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode()).hasMessageContaining("01.18 is worth 2 points");
    }

    @Test
    void aCheckMissingFromTheTableFails() throws IOException {
        String text = readme();
        int row = text.indexOf("| 01.20 |");
        String drifted = text.substring(0, row) + text.substring(text.indexOf('\n', row) + 1);
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode()).hasMessageContaining("the check table lists");
        assertThatThrownBy(() -> with(drifted).requireEveryCheckIn("| Check | Points |")).hasMessageContaining("missing: [01.20]");
    }

    @Test
    void aQuotedScorecardLineWithAnOldSpecFails() throws IOException {
        String drifted = readme() + "\n```\n✘ 01.1 The RFC's sample key ... (RFC 6455 §1.3)\n```\n";
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .hasMessageContaining("quotes 01.1 as 'The RFC's sample key ... (RFC 6455 §1.3)'");
    }

    @Test
    void aQuotedScorecardLineWithTheRealTitleAndSpecPasses() throws IOException {
        String quoted = readme() + "\n```\n  [ 1/20] ✘ 01.1   The RFC's sample key dGhlIHNhbXBsZSBub25jZQ== gets"
                + " Sec-WebSocket-Accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=  FAILED\n✘ 01.1 The RFC's sample key ...  (RFC 6455 §4.2.2 item 5.4)\n```\n";
        with(quoted).requireMatchesTheCode();
    }

    @Test
    void aTypeThatDoesNotExistFails() throws IOException {
        String drifted = readme() + "\nSee `HandshakeChecksProofTest` and `ReconnectMutants$DoubleLoopInTheBrowser`.\n";
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .hasMessageContaining("no type HandshakeChecksProofTest in the repository or the JDK")
                .hasMessageContaining("ReconnectMutants declares no DoubleLoopInTheBrowser");
    }

    @Test
    void typesOfTheRepositoryTheJdkAndTheWebPassAndHeadersAreLeftAlone() throws IOException {
        String named = readme() + "\n`ReconnectMutants$ResetsOnOpen`, `ClientContract.backoffCeiling(retries)`,"
                + " `java.net.http`, `SplittableRandom`, `MessageDigest.getInstance(\"SHA-1\")`, `InvalidStateError`,"
                + " `Upgrade`, `Connection`, `HeartbeatChecks.SLACK_MS`.\n";
        with(named).requireMatchesTheCode();
    }

    @Test
    void aFileOrPathThatDoesNotExistFails() throws IOException {
        String drifted = readme() + "\n`NoSuchClient.java`, `reference-server/.../handshake/NoSuch.java`,"
                + " `lessons/01-handshake/src/main/java/nowhere/`.\n";
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .hasMessageContaining("names the file `NoSuchClient.java`")
                .hasMessageContaining("`reference-server/.../handshake/NoSuch.java`")
                .hasMessageContaining("the path `lessons/01-handshake/src/main/java/nowhere/`, which does not exist");
    }

    @Test
    void aReferenceSizeFarFromTheCodeFails() throws IOException {
        String drifted = replaced(readme(), "about 355 lines of Java", "about 450 lines of Java");
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .hasMessageContaining("README.md says the reference is about 450 lines;")
                .hasMessageContaining("the root README's lesson table says ~355 lines for lesson 01, its README says about 450");
    }

    @Test
    void aClassInTheSizeThatTheReferenceDoesNotHaveFails() throws IOException {
        String drifted = replaced(readme(), "`AcceptKey`, `RawHandshakeServer`)", "`AcceptKey`, `RawHandshakeServer`, `Connection`)");
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .hasMessageContaining("the reference size names `Connection`, which is neither a class of");
    }

    @Test
    void aCheckTableRowThatEndsBeforeItsPointsFailsWithAMessage() throws IOException {
        String text = readme();
        int row = text.indexOf("| 01.18 |");
        String drifted = text.substring(0, row) + "| 01.18 |" + text.substring(text.indexOf('\n', row));
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the check table's row for 01.18 ends after 1 of the header's 5 cells");
    }

    @Test
    void aTitleCutShortMayBeFollowedOnlyByTheSpec() throws IOException {
        with(readme() + "\n```\n✘ 01.1 ...\n    expected: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n```\n").requireMatchesTheCode();
        // The summary prints expected on a line of its own: glued to the title line it is no output of the grader.
        String glued = readme() + "\n```\n✘ 01.1 ... expected: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n```\n";
        assertThatThrownBy(() -> with(glued).requireMatchesTheCode())
                .hasMessageContaining("quotes 01.1 as '... expected: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='");
    }

    @Test
    void jdkTypesAreFoundInAnyPackageTheJdkExports() throws IOException {
        with(readme() + "\n`AtomicLong`, `LongAdder`, `ConcurrentHashMap.KeySetView`, `DateTimeFormatter`, `HttpServer`,"
                + " `ByteBuffer.allocate(4)`.\n").requireMatchesTheCode();
        String drifted = readme() + "\n`AtomicCounter`, `ConcurrentHashMap.KeyView`.\n";
        assertThatThrownBy(() -> with(drifted).requireMatchesTheCode())
                .hasMessageContaining("no type AtomicCounter in the repository or the JDK")
                .hasMessageContaining("the JDK's ConcurrentHashMap has no nested KeyView");
    }

    @Test
    void aLoneSlashIsNoPath() throws IOException {
        with(readme() + "\nAn overlong form of `/`; `//` starts a comment; `/feed` is an endpoint.\n").requireMatchesTheCode();
        assertThatThrownBy(() -> with(readme() + "\n`/`, `lessons/nowhere/`.\n").requireMatchesTheCode())
                .hasMessageContaining("the path `lessons/nowhere/`, which does not exist");
    }

    @Test
    void theSuitesReadmesCountTheirCasesBySection() throws IOException {
        framesWith(framesReadme()).requireMatchesTheCode();
        LessonReadme.of(SuiteLessons.rfc6455Client(), ROOT, Files.readString(ROOT.resolve("lessons/02c-frames-client/README.md")))
                .requireMatchesTheCode();
    }

    @Test
    void aSectionsCaseCountThatIsNotTheCodesFails() throws IOException {
        String drifted = replaced(replaced(framesReadme(), "| rfc6455/5.1 | 4 |", "| rfc6455/5.1 | 5 |"),
                "| rfc6455/5.5, 5.5.2, 5.5.3 | 20 |", "| rfc6455/5.5, 5.5.2, 5.5.3 | 16 |");
        assertThatThrownBy(() -> framesWith(drifted).requireMatchesTheCode())
                .hasMessageContaining("rfc6455/5.1 has 4 cases, the case table says '5'")
                .hasMessageContaining("rfc6455/5.5, rfc6455/5.5.2, rfc6455/5.5.3 have 20 cases, the case table says '16'");
    }

    @Test
    void aSectionMissingTwiceOrWithoutCasesFails() throws IOException {
        String text = framesReadme();
        int row = text.indexOf("| rfc6455/8.1 |");
        String drifted = replaced(text.substring(0, row) + text.substring(text.indexOf('\n', row) + 1),
                "| rfc6455/5.1 | 4 |", "| rfc6455/5.1, 5.2, 5.9 | 4 |");
        assertThatThrownBy(() -> framesWith(drifted).requireMatchesTheCode())
                .hasMessageContaining("the case table does not name section rfc6455/8.1 (223 cases)")
                .hasMessageContaining("the case table names section rfc6455/5.2 twice")
                .hasMessageContaining("the case table names section rfc6455/5.9, which has no case");
    }

    @Test
    void aSuiteWithoutACaseTableFailsWithAMessage() throws IOException {
        String drifted = replaced(framesReadme(), "| Section | Cases | What |", "| Family | Cases | What |");
        assertThatThrownBy(() -> framesWith(drifted).requireMatchesTheCode())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no case table (a table whose header begins '| Section | Cases |'): lesson 02's checks are"
                        + " section-numbered cases");
    }

    @Test
    void codeLinesLeaveOutBlankAndCommentLines() {
        assertThat(LessonReadme.codeLines("/** Doc.\n * more\n */\nclass A {\n\n    // why\n    int x;\n}\n")).isEqualTo(3);
        assertThat(LessonReadme.about(295, 294)).isTrue();
        assertThat(LessonReadme.about(370, 294)).isFalse();
    }
}
