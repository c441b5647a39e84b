package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.2, §5.3 and §5.5.1 in {@link ClientFrameWriter}: masked frames, fresh keys, close payloads that fit. */
class ClientFrameWriterTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private int keys;
    private final ClientFrameWriter writer = new ClientFrameWriter(wire, key -> {
        keys++;
        key[0] = (byte) keys;
        key[1] = (byte) (keys * 7);
        key[2] = (byte) 0xA5;
        key[3] = (byte) (keys * 31);
    });

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536})
    void aFrameIsMaskedWithItsLengthInTheShortestForm(int length) throws Exception {
        byte[] payload = ServerFrames.filled(length);
        writer.write(Rfc6455.BINARY, payload);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire.toByteArray()));
        assertThat(in.readUnsignedByte()).isEqualTo(Rfc6455.FIN | Rfc6455.BINARY);
        int b1 = in.readUnsignedByte();
        assertThat(b1 & Rfc6455.MASK).isEqualTo(Rfc6455.MASK);
        long len = b1 & Rfc6455.PAYLOAD_LEN;
        int expected7 = length < 126 ? length : length <= 0xFFFF ? 126 : 127;
        assertThat(len).isEqualTo(expected7);
        len = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
        assertThat(len).isEqualTo(length);
        byte[] key = in.readNBytes(4);
        byte[] masked = in.readNBytes(length);
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= key[i & 3];
        }
        assertThat(masked).isEqualTo(payload);
        assertThat(in.available()).isZero();
    }

    @Test
    void eachFrameGetsAFreshKey() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            wire.reset();
            writer.write(Rfc6455.TEXT, ServerFrames.utf8("x"));
            byte[] frame = wire.toByteArray();
            seen.add(frame[2] + "," + frame[3] + "," + frame[4] + "," + frame[5]);
        }
        assertThat(seen).hasSize(4);
    }

    @Test
    void aClosePayloadIsTheCodeThenTheReason() {
        assertThat(ClientFrameWriter.closePayload(1002, "bad")).isEqualTo(new byte[] {0x03, (byte) 0xEA, 'b', 'a', 'd'});
    }

    @Test
    void aLongReasonIsCutBetweenCharactersToFitAControlFrame() {
        byte[] payload = ClientFrameWriter.closePayload(1002, "é".repeat(100));
        assertThat(payload).hasSize(2 + 122);
        assertThat(Utf8Text.decode(java.util.Arrays.copyOfRange(payload, 2, payload.length))).hasValue("é".repeat(61));
        assertThat(ClientFrameWriter.closePayload(1000, "a".repeat(123))).hasSize(Rfc6455.CONTROL_PAYLOAD_MAX);
        assertThat(new String(ClientFrameWriter.closePayload(1000, "a".repeat(200)), 2, 123, StandardCharsets.UTF_8))
                .isEqualTo("a".repeat(123));
    }
}
