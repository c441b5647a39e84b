package wslab.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One frame as it was on the wire (RFC 6455 §5.2). {@code masked} says whether a mask key was
 * present; the payload is always unmasked.
 */
public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

    /** How much of a payload a transcript line shows before it counts the rest. */
    private static final int PREVIEW_CHARACTERS = 60;
    private static final int PREVIEW_BYTES = 32;

    /** How many bits a length takes in its minimal encoding, as RFC 6455 §5.2 Payload length has every sender use: 7, 16 or 64. */
    public static int minimalLengthBits(long length) {
        return length < 126 ? 7 : length <= 0xFFFF ? 16 : 64;
    }

    public static Frame text(String text) {
        return new Frame(true, 0, Opcode.TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A final, masked frame: what a correct client sends. */
    public static Frame of(int opcode, byte[] payload) {
        return new Frame(true, 0, opcode, true, payload);
    }

    /** A close frame with a code and a reason, as §5.5.1 lays it out. */
    public static Frame close(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return of(Opcode.CLOSE, p);
    }

    public Frame fin(boolean value) {
        return new Frame(value, rsv, opcode, masked, payload);
    }

    public Frame rsv(int bits) {
        return new Frame(fin, bits, opcode, masked, payload);
    }

    public Frame unmasked() {
        return new Frame(fin, rsv, opcode, false, payload);
    }

    /** The close code of a close frame, or -1 if it carries none. */
    public int closeCode() {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * {@code TEXT fin masked len=5 "hello"}, {@code PONG fin unmasked len=4 hex 16 0e ff 00}: how
     * frames read in a transcript. Only a text or continuation payload that is valid, printable
     * UTF-8 reads as text; anything else, and every binary or control payload, is shown as bytes.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(Opcode.name(opcode));
        sb.append(fin ? " fin" : " more");
        if (rsv != 0) {
            sb.append(" rsv=").append(Integer.toBinaryString(rsv));
        }
        sb.append(masked ? " masked" : " unmasked").append(" len=").append(payload.length);
        if (opcode == Opcode.CLOSE && payload.length >= 2) {
            sb.append(" code=").append(closeCode());
            if (payload.length > 2) {
                byte[] reason = Arrays.copyOfRange(payload, 2, payload.length);
                sb.append(" reason ").append(Printable.preview(reason, PREVIEW_CHARACTERS).map(Frame::quoted).orElseGet(() -> hex(reason)));
            }
        } else if (payload.length > 0) {
            boolean mayBeText = opcode == Opcode.TEXT || opcode == Opcode.CONTINUATION;
            sb.append(' ').append(mayBeText
                    ? Printable.preview(payload, PREVIEW_CHARACTERS).map(Frame::quoted).orElseGet(() -> hex(payload))
                    : hex(payload));
        }
        return sb.toString();
    }

    private static String quoted(Printable.Preview text) {
        if (text.more() == 0) {
            return '"' + text.shown() + '"';
        }
        return '"' + text.shown() + "…\" " + more(text.more(), "character");
    }

    /** {@code hex 16 0e ff 00}, and past the first 32 bytes a count of the rest. */
    private static String hex(byte[] bytes) {
        int shown = Math.min(bytes.length, PREVIEW_BYTES);
        String hex = "hex " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown);
        return shown == bytes.length ? hex : hex + " … " + more(bytes.length - shown, "byte");
    }

    private static String more(int count, String unit) {
        return "(+" + count + " more " + unit + (count == 1 ? ")" : "s)");
    }
}
