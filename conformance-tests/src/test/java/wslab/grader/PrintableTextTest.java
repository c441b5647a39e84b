package wslab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import wslab.wire.Frame;
import wslab.wire.Opcode;
import wslab.wire.Printable;

/** How frames and stray characters read in the reports: text only where it is text, bytes otherwise. */
class PrintableTextTest {

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void validPrintableTextReadsAsText() {
        assertThat(Frame.text("hello").describe()).isEqualTo("TEXT fin masked len=5 \"hello\"");
        assertThat(Frame.text("héllo ✓").describe()).endsWith("\"héllo ✓\"");
        assertThat(Frame.text("a\tb\nc\r").describe()).endsWith("\"a␉b␊c␍\"");
    }

    @Test
    void textThatIsNotValidUtf8OrHoldsControlsReadsAsHex() {
        assertThat(Frame.of(Opcode.TEXT, bytes(0xC3, 0x28)).describe()).endsWith("len=2 hex c3 28");
        assertThat(Frame.of(Opcode.TEXT, bytes(0xED, 0xA0, 0x80)).describe()).endsWith("hex ed a0 80");
        assertThat(Frame.of(Opcode.TEXT, bytes('a', 0x16, 'b')).describe()).endsWith("hex 61 16 62");
        assertThat(Frame.of(Opcode.TEXT, bytes(0xEF, 0xBF, 0xBE)).describe()).as("U+FFFE").endsWith("hex ef bf be");
        assertThat(Frame.of(Opcode.CONTINUATION, bytes(0xC2, 0x85)).describe()).as("U+0085, a C1 control")
                .endsWith("hex c2 85");
    }

    @Test
    void binaryAndControlPayloadsAlwaysReadAsHex() {
        byte[] ascii = "ping".getBytes(StandardCharsets.US_ASCII);
        assertThat(Frame.of(Opcode.BINARY, ascii).describe()).endsWith("len=4 hex 70 69 6e 67");
        assertThat(Frame.of(Opcode.PING, ascii).describe()).endsWith("len=4 hex 70 69 6e 67");
        assertThat(Frame.of(Opcode.PONG, bytes(0x16, 0x0E, 0xFF, 0x00)).unmasked().describe())
                .isEqualTo("PONG fin unmasked len=4 hex 16 0e ff 00");
        assertThat(Frame.of(0xB, bytes(0x01)).describe()).endsWith("hex 01");
    }

    @Test
    void aCloseShowsItsCodeAndItsReasonAsTextOrBytes() {
        assertThat(Frame.close(1000, "bye".getBytes(StandardCharsets.UTF_8)).describe())
                .endsWith("len=5 code=1000 reason \"bye\"");
        assertThat(Frame.close(1002, bytes(0xFF, 0x00)).describe()).endsWith("code=1002 reason hex ff 00");
        assertThat(Frame.close(1000, new byte[0]).describe()).endsWith("len=2 code=1000");
        assertThat(Frame.of(Opcode.CLOSE, bytes(0x03)).describe()).endsWith("len=1 hex 03");
    }

    @Test
    void longPayloadsAreCutWithACountOfTheRest() {
        assertThat(Frame.of(Opcode.BINARY, new byte[100]).describe())
                .endsWith("len=100 hex " + "00 ".repeat(31) + "00 … (+68 more bytes)");
        assertThat(Frame.text("x".repeat(61)).describe()).endsWith("\"" + "x".repeat(60) + "…\" (+1 more character)");
        assertThat(Frame.text("✓".repeat(60)).describe()).as("cut by characters, not bytes")
                .endsWith("\"" + "✓".repeat(60) + "\"");
    }

    @Test
    void escapeWritesOutWhatNoReportCanCarryAndKeepsTheRest() {
        assertThat(Printable.escape("plain text, tab\tand\nnewline, ✓ and 😀")).isEqualTo("plain text, tab\tand\nnewline, ✓ and 😀");
        assertThat(Printable.escape("a\u0000b\u0016c\rd\u007Fe\u0085f")).isEqualTo("a\\x00b\\x16c\\x0dd\\x7fe\\x85f");
        assertThat(Printable.escape("\uFFFE\uFFFF\uFDD0")).isEqualTo("\\ufffe\\uffff\\ufdd0");
        assertThat(Printable.escape("lone \uD800 and \uDC00")).isEqualTo("lone \\ud800 and \\udc00");
        assertThat(Printable.escape(new String(Character.toChars(0x1FFFE)))).isEqualTo("\\u{1fffe}");
    }
}
