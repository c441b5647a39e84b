package wslab.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which characters a report may show as they are. A graded server can send any bytes, and the
 * reports (JUnit XML, HTML, a terminal) cannot carry all of them: XML 1.0 forbids most C0
 * controls, lone surrogates and U+FFFE/U+FFFF, HTML also the C1 range and every noncharacter,
 * and a terminal obeys control bytes instead of showing them. So everything a report prints
 * goes through {@link #escape(String)}, and frame payloads are shown as text only when
 * {@link #text(byte[])} finds them to be text.
 */
public final class Printable {

    private Printable() {
    }

    /** Whether {@code codePoint} may appear raw in every report: tab and line feed do, other controls do not. */
    public static boolean isPrintable(int codePoint) {
        if (codePoint == '\t' || codePoint == '\n') {
            return true;
        }
        boolean control = codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F);
        boolean surrogate = codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
        boolean nonCharacter = (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
        return !(control || surrogate || nonCharacter);
    }

    /** {@code s} with every character that {@link #isPrintable} refuses written as an escape: {@code \x16}, {@code \ufffe}. */
    public static String escape(String s) {
        if (s.codePoints().allMatch(Printable::isPrintable)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            if (isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xFF) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xFFFF) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\u{%x}", c));
            }
        });
        return out.toString();
    }

    /**
     * The payload as text, if it is valid UTF-8 and every character in it is printable; tab, line
     * feed and carriage return come back as the symbols ␉ ␊ ␍, so the text stays on one line.
     * Empty if the bytes are not text, and must be shown as bytes.
     */
    public static Optional<String> text(byte[] payload) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        s = s.replace('\t', '␉').replace('\n', '␊').replace('\r', '␍');
        return s.codePoints().allMatch(Printable::isPrintable) ? Optional.of(s) : Optional.empty();
    }
}
