package wslab.lessons.security;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Given: a small frame layer (lessons 01 and 02 taught it; here it is only the floor you stand
 * on). Client frames in, unmasked server frames out.
 */
final class Frames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** One frame as read: payload unmasked. */
    record Frame(boolean fin, int opcode, byte[] payload) {
    }

    private Frames() {
    }

    /**
     * The next frame, or null when the client closed the connection between frames.
     *
     * <p>TODO(09.39): the header announces the payload's length before a byte of it arrives. Decide
     * there: a length over {@code SecurityContract.MAX_MESSAGE_BYTES} must close with 1009 before
     * anything is read or allocated. As written, a client that announces 1 GiB and sends a byte a
     * second holds this loop, and its growing buffer, for as long as it likes.
     */
    static Frame read(DataInputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
            in.readFully(mask);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (payload.size() < length) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - payload.size()));
            if (n < 0) {
                throw new EOFException("the client closed the connection inside a frame");
            }
            payload.write(chunk, 0, n);
        }
        byte[] data = payload.toByteArray();
        for (int i = 0; i < data.length; i++) {
            data[i] ^= mask[i & 3];
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, data);
    }

    /** A final, unmasked frame with the shortest length encoding. */
    static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
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

    static void writeText(OutputStream out, String text) throws IOException {
        write(out, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a status code and a short reason. */
    static void writeClose(OutputStream out, int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + Math.min(text.length, 123)];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, payload.length - 2);
        write(out, CLOSE, payload);
    }
}
