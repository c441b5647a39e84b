package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wslab.sim.ServerFrames.concat;
import static wslab.sim.ServerFrames.filled;
import static wslab.sim.ServerFrames.frame;
import static wslab.sim.ServerFrames.utf8;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of RFC 6455 §5.1, §5.2 and §5.5 that {@link ServerFrameReader} enforces, kept and broken. */
class ServerFrameReaderTest {

    private static final int LIMIT = 70_000;

    private static Frame read(byte[] wire) throws Exception {
        return new ServerFrameReader(new ByteArrayInputStream(wire), LIMIT).next().orElseThrow();
    }

    private static int refusal(byte[] wire) {
        try {
            read(wire);
        } catch (ProtocolViolation v) {
            return v.closeCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the frame was taken");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536})
    void readsEachLengthEncoding(int length) throws Exception {
        Frame f = read(frame(Rfc6455.BINARY, filled(length)));
        assertThat(f.payload()).isEqualTo(filled(length));
        assertThat(f.fin()).isTrue();
        assertThat(f.opcode()).isEqualTo(Rfc6455.BINARY);
    }

    @Test
    void readsFramesOneAfterAnother() throws Exception {
        ServerFrameReader reader = new ServerFrameReader(new ByteArrayInputStream(concat(
                frame(false, 0, Rfc6455.TEXT, utf8("Hel")), frame(Rfc6455.PING, utf8("p")), frame(Rfc6455.CONTINUATION, utf8("lo")))), LIMIT);
        assertThat(reader.next()).hasValueSatisfying(f -> assertThat(f.fin()).isFalse());
        assertThat(reader.next()).hasValueSatisfying(f -> assertThat(f.opcode()).isEqualTo(Rfc6455.PING));
        assertThat(reader.next()).hasValueSatisfying(f -> assertThat(f.payload()).isEqualTo(utf8("lo")));
        assertThat(reader.next()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 7})
    void aReservedBitIsAProtocolError(int rsv) throws Exception {
        assertThat(read(frame(true, 0, Rfc6455.TEXT, utf8("x"))).payload()).isEqualTo(utf8("x"));
        assertThat(refusal(frame(true, rsv, Rfc6455.TEXT, utf8("x")))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0, 0x1, 0x2, 0x8, 0x9, 0xA})
    void theDefinedOpcodesAreTaken(int opcode) throws Exception {
        assertThat(read(frame(opcode, new byte[0])).opcode()).isEqualTo(opcode);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void aReservedOpcodeIsAProtocolError(int opcode) {
        assertThat(refusal(frame(opcode, utf8("reserved")))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aMaskedFrameIsAProtocolError() throws Exception {
        assertThat(read(frame(Rfc6455.TEXT, utf8("hello"))).payload()).isEqualTo(utf8("hello"));
        assertThat(refusal(ServerFrames.masked(Rfc6455.TEXT, utf8("hello")))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {Rfc6455.CLOSE, Rfc6455.PING, Rfc6455.PONG})
    void aControlFrameCarriesAtMost125Bytes(int opcode) throws Exception {
        assertThat(read(frame(opcode, filled(125))).payload()).hasSize(125);
        assertThat(refusal(frame(opcode, filled(126)))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {Rfc6455.CLOSE, Rfc6455.PING, Rfc6455.PONG})
    void aControlFrameIsNeverFragmented(int opcode) throws Exception {
        assertThat(read(frame(true, 0, opcode, utf8("a"))).fin()).isTrue();
        assertThat(refusal(frame(false, 0, opcode, utf8("a")))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void a64BitLengthWithItsTopBitSetIsAProtocolError() throws Exception {
        byte[] wire = frame(Rfc6455.BINARY, filled(65536));
        assertThat(read(wire).payload()).hasSize(65536);
        byte[] broken = Arrays.copyOf(wire, 10);
        broken[2] |= (byte) 0x80;
        assertThat(refusal(broken)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aFrameOverTheLimitIsMessageTooBig() throws Exception {
        assertThat(read(frame(Rfc6455.BINARY, filled(LIMIT))).payload()).hasSize(LIMIT);
        assertThat(refusal(Arrays.copyOf(frame(Rfc6455.BINARY, filled(LIMIT + 1)), 10))).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void theEndBetweenFramesIsEmptyAndInsideOneIsAnError() throws Exception {
        assertThat(new ServerFrameReader(new ByteArrayInputStream(new byte[0]), LIMIT).next()).isEqualTo(Optional.empty());
        byte[] cut = Arrays.copyOf(frame(Rfc6455.TEXT, utf8("hello")), 4);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(EOFException.class).hasMessageContaining("in the middle of a frame");
    }
}
