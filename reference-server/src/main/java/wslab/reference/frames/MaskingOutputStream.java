package wslab.reference.frames;

import static wslab.reference.frames.WebSocketProtocol.B1_FLAG_MASK;
import static wslab.reference.frames.WebSocketProtocol.B1_MASK_LENGTH;
import static wslab.reference.frames.WebSocketProtocol.PAYLOAD_LONG;
import static wslab.reference.frames.WebSocketProtocol.PAYLOAD_SHORT;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.random.RandomGenerator;

/**
 * Makes client frames out of the frames {@link FrameWriter} writes. The writer sends frames as a
 * server does; a client's differ only in the mask (RFC 6455 §5.3): the mask bit is set, a
 * masking key follows the length, and the payload is XORed with that key. This stream reads
 * each frame header as it passes, puts in a fresh key from the client's random source and
 * masks the payload bytes that follow, however the writes are cut.
 */
public class MaskingOutputStream extends FilterOutputStream {

    private final RandomGenerator random;
    /** The header of the frame passing through: 2 bytes, then 0, 2 or 8 bytes of extended length. */
    private final byte[] header = new byte[10];
    private int headerRead;
    private int headerLength = 2;
    private final byte[] key = new byte[4];
    private long payloadLeft;
    private long payloadDone;

    public MaskingOutputStream(OutputStream out, RandomGenerator random) {
        super(out);
        this.random = random;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(length, payloadLeft);
                byte[] masked = new byte[n];
                for (int i = 0; i < n; i++) {
                    masked[i] = (byte) (bytes[offset + i] ^ key[(int) ((payloadDone + i) & 3)]);
                }
                out.write(masked);
                payloadDone += n;
                payloadLeft -= n;
                offset += n;
                length -= n;
                continue;
            }
            header[headerRead++] = bytes[offset++];
            length--;
            if (headerRead == 2) {
                int len7 = header[1] & B1_MASK_LENGTH;
                headerLength = 2 + (len7 == PAYLOAD_SHORT ? 2 : len7 == PAYLOAD_LONG ? 8 : 0);
            }
            if (headerRead == headerLength) {
                startPayload();
            }
        }
    }

    /** The header is complete: send it with the mask bit and a fresh key, then mask its payload. */
    private void startPayload() throws IOException {
        long len = header[1] & B1_MASK_LENGTH;
        if (len == PAYLOAD_SHORT) {
            len = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (len == PAYLOAD_LONG) {
            len = 0;
            for (int i = 2; i < 10; i++) {
                len = (len << 8) | (header[i] & 0xFF);
            }
        }
        header[1] |= (byte) B1_FLAG_MASK;
        out.write(header, 0, headerLength);
        nextKey(key);
        out.write(key);
        payloadLeft = len;
        payloadDone = 0;
        headerRead = 0;
        headerLength = 2;
    }

    /** §5.3: a fresh masking key for each frame, from the client's random source. */
    protected void nextKey(byte[] key) {
        int k = random.nextInt();
        key[0] = (byte) (k >>> 24);
        key[1] = (byte) (k >>> 16);
        key[2] = (byte) (k >>> 8);
        key[3] = (byte) k;
    }
}
