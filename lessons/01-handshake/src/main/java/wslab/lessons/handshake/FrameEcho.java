package wslab.lessons.handshake;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Given: after the 101, echo small frames back so the grader can see the switch worked.
 * Lesson 02 is where you write a real frame codec; this one handles payloads under 126 bytes.
 */
final class FrameEcho {

    private static final int OPCODE_CLOSE = 0x8;

    private FrameEcho() {
    }

    static void run(InputStream raw, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            int second = in.readUnsignedByte();
            int length = second & 0x7F;
            if (length > 125) {
                return; // Beyond this lesson.
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            for (int i = 0; i < length; i++) {
                payload[i] ^= mask[i % 4];
            }
            out.write(new byte[] {(byte) first, (byte) length});
            out.write(payload);
            out.flush();
            if ((first & 0x0F) == OPCODE_CLOSE) {
                return;
            }
        }
    }
}
