package wslab.reference.frames;

import static wslab.reference.frames.WebSocketProtocol.B0_FLAG_FIN;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_CLOSE;
import static wslab.reference.frames.WebSocketProtocol.PAYLOAD_LONG;
import static wslab.reference.frames.WebSocketProtocol.PAYLOAD_SHORT;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes server frames: unmasked (§5.1), with the minimal length encoding (§5.2). The frame head
 * is its own method so a broken variant can replace exactly that.
 */
public class FrameWriter {

    private final OutputStream out;

    protected FrameWriter(OutputStream out) {
        this.out = out;
    }

    public synchronized void write(int opcode, byte[] payload) throws IOException {
        out.write(head(B0_FLAG_FIN | opcode, payload.length));
        out.write(payload);
        out.flush();
    }

    /** The first byte, then the length in 7, 7+16 or 7+64 bits, whichever is the shortest that holds it (§5.2). */
    protected byte[] head(int b0, int len) {
        byte[] head;
        if (len < PAYLOAD_SHORT) {
            head = new byte[] {(byte) b0, (byte) len};
        } else if (len <= 0xFFFF) {
            head = new byte[] {(byte) b0, (byte) PAYLOAD_SHORT, (byte) (len >>> 8), (byte) len};
        } else {
            head = new byte[10];
            head[0] = (byte) b0;
            head[1] = (byte) PAYLOAD_LONG;
            for (int i = 0; i < 8; i++) {
                head[9 - i] = (byte) ((long) len >>> (8 * i));
            }
        }
        return head;
    }

    public void close(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + Math.min(text.length, 123)];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, payload.length - 2);
        write(OPCODE_CLOSE, payload);
    }
}
