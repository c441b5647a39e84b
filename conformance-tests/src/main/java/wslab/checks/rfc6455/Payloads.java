package wslab.checks.rfc6455;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Deterministic payloads, so a failing case shows the same bytes on every run: the server cases
 * and the client cases draw from this one set.
 */
public final class Payloads {

    private Payloads() {
    }

    /** {@code n} bytes of printable ASCII: '!' to '~' over and over. */
    public static byte[] text(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < Math.min(n, 94); i++) {
            b[i] = (byte) ('!' + i);
        }
        return repeat(b, 94);
    }

    /** {@code n} bytes covering every byte value, including ones that are not UTF-8 (a cycle of 256). */
    public static byte[] binary(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < Math.min(n, 256); i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return repeat(b, 256);
    }

    /** Fills {@code b} with copies of its first {@code period} bytes, doubling the copied span each time. */
    private static byte[] repeat(byte[] b, int period) {
        for (int filled = Math.min(period, b.length); filled < b.length; filled *= 2) {
            System.arraycopy(b, 0, b, filled, Math.min(filled, b.length - filled));
        }
        return b;
    }

    /** A text payload for a text message, every byte value for a binary one. */
    public static byte[] forMessage(int opcode, int n) {
        return opcode == wslab.wire.Opcode.TEXT ? text(n) : binary(n);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code payload} cut into {@code pieces} nearly equal slices (some may be empty). */
    public static byte[][] split(byte[] payload, int pieces) {
        byte[][] out = new byte[pieces][];
        for (int i = 0; i < pieces; i++) {
            int from = (int) ((long) payload.length * i / pieces);
            int to = (int) ((long) payload.length * (i + 1) / pieces);
            out[i] = Arrays.copyOfRange(payload, from, to);
        }
        return out;
    }

    /** "1 MiB", "65536 bytes": lengths as a reader wants them in a title. */
    public static String size(int n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n + (n == 1 ? " byte" : " bytes");
    }

    public static String hex(byte[] b) {
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
