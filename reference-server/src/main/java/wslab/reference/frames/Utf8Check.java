package wslab.reference.frames;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Validates a text message fragment by fragment, so invalid UTF-8 fails as soon as the bytes
 * that make it invalid arrive (RFC 6455 §8.1 "fail fast"), using the JDK's strict decoder:
 * it rejects overlong forms, surrogates and code points above U+10FFFF.
 */
public final class Utf8Check {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer sink = CharBuffer.allocate(8192);
    /** Up to three bytes of a sequence cut by a fragment boundary. */
    private ByteBuffer pending = ByteBuffer.allocate(0);

    /** @return false as soon as the bytes so far cannot be the start of valid UTF-8 */
    public boolean feed(byte[] bytes) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
        in.put(pending).put(bytes).flip();
        while (true) {
            sink.clear();
            CoderResult r = decoder.decode(in, sink, false);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                break;
            }
        }
        pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
        return !startsInvalid(pending);
    }

    /** @return whether the message ended on a complete character */
    public boolean finish() {
        boolean ok = !pending.hasRemaining();
        decoder.reset();
        pending = ByteBuffer.allocate(0);
        return ok;
    }

    /**
     * The decoder waits for more input on an incomplete sequence; some prefixes can never be
     * completed (ED A0 would be a surrogate, F4 90 is above U+10FFFF), and fail fast here.
     */
    private static boolean startsInvalid(ByteBuffer tail) {
        if (tail.remaining() < 2) {
            return false;
        }
        int b0 = tail.get(0) & 0xFF;
        int b1 = tail.get(1) & 0xFF;
        return (b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F) || (b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F);
    }

    public static boolean isValid(byte[] bytes) {
        Utf8Check check = new Utf8Check();
        return check.feed(bytes) && check.finish();
    }
}
