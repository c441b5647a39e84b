package wslab.reference.handshake;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Just enough of RFC 6455 §5 to prove the connection switched: echoes masked data frames and
 * answers ping and close. Lesson 02 teaches the full frame layer; this stays small on purpose.
 */
final class EchoAfterUpgrade {

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int CLOSE_PROTOCOL_ERROR = 1002;
    private static final int CLOSE_MESSAGE_TOO_BIG = 1009;
    private static final int MAX_PAYLOAD = 1 << 20;

    private EchoAfterUpgrade() {
    }

    static void run(InputStream rawIn, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(rawIn);
        while (true) {
            int b0;
            try {
                b0 = in.readUnsignedByte();
            } catch (EOFException e) {
                return;
            }
            int b1 = in.readUnsignedByte();
            int opcode = b0 & 0x0F;
            long len = b1 & 0x7F;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            if ((b1 & 0x80) == 0) {
                // RFC 6455 §5.1: a server MUST close on an unmasked client frame.
                close(out, CLOSE_PROTOCOL_ERROR);
                return;
            }
            if (len < 0 || len > MAX_PAYLOAD) {
                close(out, CLOSE_MESSAGE_TOO_BIG);
                return;
            }
            byte[] mask = new byte[4];
            in.readFully(mask);
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            switch (opcode) {
                case OPCODE_CLOSE -> {
                    write(out, 0x80 | OPCODE_CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    return;
                }
                case OPCODE_PING -> write(out, 0x80 | 0xA, payload);
                case 0xA -> { }
                default -> {
                    if (opcode > 0x2 && opcode != OPCODE_CONTINUATION) {
                        close(out, CLOSE_PROTOCOL_ERROR);
                        return;
                    }
                    write(out, b0 & 0x8F, payload);
                }
            }
        }
    }

    private static void close(OutputStream out, int code) throws IOException {
        write(out, 0x80 | OPCODE_CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    private static void write(OutputStream out, int b0, byte[] payload) throws IOException {
        byte[] head;
        if (payload.length < 126) {
            head = new byte[] {(byte) b0, (byte) payload.length};
        } else if (payload.length <= 0xFFFF) {
            head = new byte[] {(byte) b0, 126, (byte) (payload.length >> 8), (byte) payload.length};
        } else {
            head = new byte[10];
            head[0] = (byte) b0;
            head[1] = 127;
            for (int i = 0; i < 8; i++) {
                head[9 - i] = (byte) ((long) payload.length >> (8 * i));
            }
        }
        out.write(head);
        out.write(payload);
        out.flush();
    }
}
