package wslab.sim;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One text message, decoded fragment by fragment (RFC 6455 §8.1): invalid UTF-8 shows in the
 * fragment that brings it, and a character split between fragments is carried over to the next.
 * The JDK's strict decoder refuses overlong forms, surrogates and code points above U+10FFFF.
 */
final class Utf8Text {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final StringBuilder text = new StringBuilder();
    /** The start of a character the last fragment cut off: at most 3 bytes. */
    private ByteBuffer carried = ByteBuffer.allocate(0);

    /** @return false if the bytes so far are not UTF-8 */
    boolean append(byte[] fragment) {
        ByteBuffer in = ByteBuffer.allocate(carried.remaining() + fragment.length).put(carried).put(fragment).flip();
        // UTF-8 never yields more chars than it has bytes, so one decode takes in every whole character.
        CharBuffer out = CharBuffer.allocate(in.remaining());
        if (decoder.decode(in, out, false).isError()) {
            return false;
        }
        text.append(out.flip());
        carried = in.slice();
        return true;
    }

    /** The whole text, or empty if the message ended inside a character. */
    Optional<String> finish() {
        return carried.hasRemaining() ? Optional.empty() : Optional.of(text.toString());
    }

    /** {@code bytes} as UTF-8 text, or empty if they are not UTF-8. */
    static Optional<String> decode(byte[] bytes) {
        Utf8Text t = new Utf8Text();
        return t.append(bytes) ? t.finish() : Optional.empty();
    }
}
