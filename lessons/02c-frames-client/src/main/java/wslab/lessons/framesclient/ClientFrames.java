package wslab.lessons.framesclient;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.random.RandomGenerator;

/** Reads server frames and writes client frames (RFC 6455 §5.2): the same layout, but a client masks. */
public final class ClientFrames {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** One frame as read from the server. */
    public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    }

    private ClientFrames() {
    }

    /**
     * The next frame, or null when the server closed the connection between frames.
     *
     * <p>TODO(rfc6455-client/5.2/4-8, 12-16): lengths 126 and 127 mean "a 16-bit / 64-bit length follows";
     * the 16-bit one is unsigned.
     */
    public static Frame read(DataInputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        boolean masked = (b1 & 0x80) != 0;
        int length = b1 & 0x7F;
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, masked, payload);
    }

    /** Given: one final frame, masked with a fresh key (§5.3), with the shortest length encoding. */
    public static void write(OutputStream out, int opcode, byte[] payload, RandomGenerator random) throws IOException {
        int len = payload.length;
        byte[] head;
        if (len < 126) {
            head = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | len)};
        } else if (len <= 0xFFFF) {
            head = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (len >>> 8), (byte) len};
        } else {
            head = new byte[10];
            head[0] = (byte) (0x80 | opcode);
            head[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                head[9 - i] = (byte) ((long) len >>> (8 * i));
            }
        }
        byte[] key = new byte[4];
        random.nextBytes(key);
        byte[] frame = new byte[head.length + 4 + len];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(key, 0, frame, head.length, 4);
        for (int i = 0; i < len; i++) {
            frame[head.length + 4 + i] = (byte) (payload[i] ^ key[i % 4]);
        }
        out.write(frame);
        out.flush();
    }

    /** Given: a close frame with a status code and no reason. */
    public static void writeClose(OutputStream out, int code, RandomGenerator random) throws IOException {
        write(out, CLOSE, new byte[] {(byte) (code >>> 8), (byte) code}, random);
    }
}
