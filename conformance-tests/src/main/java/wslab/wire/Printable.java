package wslab.wire;

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
        return preview(payload, Integer.MAX_VALUE).map(Preview::shown);
    }

    /** The first characters of a payload that {@link #text} finds to be text, and how many characters follow them. */
    public record Preview(String shown, int more) {
    }

    /**
     * The text of {@link #text}, cut to its first {@code characters} characters, without building
     * the rest: one pass over the bytes, so a transcript line for a 16 MiB message costs no more
     * than reading it. UTF-8 is decoded strictly (RFC 3629: shortest forms, no surrogates, nothing
     * above U+10FFFF), as the JDK's decoder does when it reports malformed input.
     */
    public static Optional<Preview> preview(byte[] payload, int characters) {
        StringBuilder shown = new StringBuilder(Math.min(payload.length, characters));
        int count = 0;
        int i = 0;
        while (i < payload.length) {
            if (count >= characters) {
                // Past the preview only validity matters: printable ASCII, the bulk of most text, in a tight loop.
                int run = i;
                while (run < payload.length && payload[run] >= 0x20 && payload[run] < 0x7F) {
                    run++;
                }
                count += run - i;
                i = run;
                if (i == payload.length) {
                    break;
                }
            }
            int b0 = payload[i] & 0xFF;
            int cp;
            int length;
            if (b0 < 0x80) {
                cp = b0;
                length = 1;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                cp = b0 & 0x1F;
                length = 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                cp = b0 & 0x0F;
                length = 3;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                cp = b0 & 0x07;
                length = 4;
            } else {
                return Optional.empty();
            }
            if (i + length > payload.length) {
                return Optional.empty();
            }
            for (int k = 1; k < length; k++) {
                int b = payload[i + k] & 0xFF;
                if ((b & 0xC0) != 0x80) {
                    return Optional.empty();
                }
                cp = cp << 6 | (b & 0x3F);
            }
            // RFC 3629 §3: the shortest form only, no surrogates, nothing above U+10FFFF.
            boolean shortest = length == 1 || length == 2 || (length == 3 ? cp >= 0x800 : cp >= 0x10000);
            if (!shortest || cp > 0x10FFFF || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                return Optional.empty();
            }
            int symbol = cp == '\t' ? '␉' : cp == '\n' ? '␊' : cp == '\r' ? '␍' : cp;
            if (!isPrintable(symbol)) {
                return Optional.empty();
            }
            if (count < characters) {
                shown.appendCodePoint(symbol);
            }
            count++;
            i += length;
        }
        return Optional.of(new Preview(shown.toString(), Math.max(0, count - characters)));
    }
}
