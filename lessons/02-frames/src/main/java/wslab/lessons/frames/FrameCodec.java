package wslab.lessons.frames;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads client frames and writes server frames.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 */
public final class FrameCodec {

    private FrameCodec() {
    }

    /**
     * The next frame, or null when the client closed the connection between frames.
     *
     * <p>TODO(rfc6455/5.2): lengths 126 and 127 mean "read a 16-bit / 64-bit length next"; the
     * 16-bit one is unsigned, and a 64-bit one with its top bit set is a protocol error.
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

    /** Given: writes one unmasked, final frame with the shortest length encoding (servers never mask, §5.1). */
    public static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        int len = payload.length;
        if (len < 126) {
            out.write(new byte[] {(byte) (0x80 | opcode), (byte) len});
        } else if (len <= 0xFFFF) {
            out.write(new byte[] {(byte) (0x80 | opcode), 126, (byte) (len >>> 8), (byte) len});
        } else {
            byte[] head = new byte[10];
            head[0] = (byte) (0x80 | opcode);
            head[1] = 127;
            for (int i = 0; i < 8; i++) {
                head[9 - i] = (byte) ((long) len >>> (8 * i));
            }
            out.write(head);
        }
        out.write(payload);
        out.flush();
    }

    /** Given: a close frame with a status code and no reason. */
    public static void writeClose(OutputStream out, int code) throws IOException {
        write(out, Frame.CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
    }
}
