package wslab.checks.rfc6455client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import wslab.wire.Frame;
import wslab.wire.Opcode;

/**
 * Server frames and deterministic payloads for the client cases. A server's frames are unmasked
 * (RFC 6455 §5.1), so everything here is unmasked unless a case masks it on purpose.
 */
final class Frames {

    private Frames() {
    }

    /** A final, unmasked frame. */
    static Frame of(int opcode, byte[] payload) {
        return new Frame(true, 0, opcode, false, payload);
    }

    /** {@code frame} with a mask, which a server MUST NOT send (§5.1): the masking cases send it on purpose. */
    static Frame masked(Frame frame) {
        return new Frame(frame.fin(), frame.rsv(), frame.opcode(), true, frame.payload());
    }

    static Frame text(String text) {
        return of(Opcode.TEXT, utf8(text));
    }

    /** A close frame with a 2-byte code and a reason (§5.5.1). */
    static Frame close(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return of(Opcode.CLOSE, p);
    }

    /** A message as fragments (§5.4): the first frame carries the opcode, continuations follow, the last has FIN. */
    static Frame[] fragments(int opcode, byte[]... parts) {
        Frame[] frames = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            frames[i] = new Frame(i == parts.length - 1, 0, i == 0 ? opcode : Opcode.CONTINUATION, false, parts[i]);
        }
        return frames;
    }

    /** {@code n} bytes of printable ASCII. */
    static byte[] text(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('!' + i % 94);
        }
        return b;
    }

    /** {@code n} bytes covering every byte value, including ones that are not UTF-8. */
    static byte[] binary(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static byte[] forMessage(int opcode, int n) {
        return opcode == Opcode.TEXT ? text(n) : binary(n);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** "1 MiB", "65536 bytes": lengths as a reader wants them in a title. */
    static String size(int n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n + (n == 1 ? " byte" : " bytes");
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", x));
        }
        return sb.toString();
    }
}
