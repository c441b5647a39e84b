package wslab.wire;

import java.nio.charset.StandardCharsets;

/**
 * One frame as it was on the wire (RFC 6455 §5.2). {@code masked} says whether a mask key was
 * present; the payload is always unmasked.
 */
public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

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

    /** {@code TEXT fin masked len=5 "hello"}: how frames read in a transcript. */
    public String describe() {
        StringBuilder sb = new StringBuilder(Opcode.name(opcode));
        sb.append(fin ? " fin" : " more");
        if (rsv != 0) {
            sb.append(" rsv=").append(Integer.toBinaryString(rsv));
        }
        sb.append(masked ? " masked" : " unmasked").append(" len=").append(payload.length);
        if (opcode == Opcode.CLOSE && payload.length >= 2) {
            sb.append(" code=").append(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
        } else if (payload.length > 0) {
            String preview = opcode == Opcode.BINARY ? hex(payload) : payloadText();
            sb.append(" \"").append(preview.length() > 60 ? preview.substring(0, 60) + "…" : preview).append('"');
        }
        return sb.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 30); i++) {
            sb.append(String.format("%02x", bytes[i]));
        }
        return sb.toString();
    }
}
