package wslab.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes the client's frames: whole (FIN), masked with a fresh key each (RFC 6455 §5.3), each in
 * one write so that frames written from two threads never interleave.
 */
final class ClientFrameWriter {

    private final OutputStream out;
    private final Consumer<byte[]> maskingKeys;

    /** @param maskingKeys fills a 4-byte array with a fresh masking key */
    ClientFrameWriter(OutputStream out, Consumer<byte[]> maskingKeys) {
        this.out = out;
        this.maskingKeys = maskingKeys;
    }

    void write(int opcode, byte[] payload) throws IOException {
        int len = payload.length;
        ByteArrayOutputStream frame = new ByteArrayOutputStream(len + 14);
        frame.write(Rfc6455.FIN | opcode);
        if (len < Rfc6455.PAYLOAD_LEN_16_BIT) {
            frame.write(Rfc6455.MASK | len);
        } else if (len <= 0xFFFF) {
            frame.write(Rfc6455.MASK | Rfc6455.PAYLOAD_LEN_16_BIT);
            frame.write(len >>> 8);
            frame.write(len);
        } else {
            frame.write(Rfc6455.MASK | Rfc6455.PAYLOAD_LEN_64_BIT);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) len >>> shift));
            }
        }
        byte[] key = new byte[4];
        maskingKeys.accept(key);
        frame.writeBytes(key);
        for (int i = 0; i < len; i++) {
            frame.write(payload[i] ^ key[i & 3]);
        }
        out.write(frame.toByteArray());
    }

    /**
     * A close payload (§5.5.1): {@code code}, then as much of {@code reason} as fits in a control
     * frame, cut between characters so that it stays UTF-8.
     */
    static byte[] closePayload(int code, String reason) {
        ByteBuffer payload = ByteBuffer.allocate(Rfc6455.CONTROL_PAYLOAD_MAX).putShort((short) code);
        StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(reason), payload, true);
        return Arrays.copyOf(payload.array(), payload.position());
    }
}
