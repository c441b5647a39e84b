package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static wslab.sim.ServerFrames.hex;
import static wslab.sim.ServerFrames.utf8;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5.1, §7.1.5 and §7.4 in {@link ServerClose}: the close payloads a client takes, and those it fails on. */
class ServerCloseTest {

    private static byte[] payload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    private static int refusal(byte[] payload) {
        try {
            throw new AssertionError("taken as " + ServerClose.parse(payload));
        } catch (ProtocolViolation v) {
            return v.closeCode();
        }
    }

    @Test
    void noPayloadIsReportedAs1005AndAnsweredWithNoCode() throws Exception {
        ServerClose close = ServerClose.parse(new byte[0]);
        assertThat(close.code()).isEqualTo(CloseCodes.NO_STATUS_RCVD);
        assertThat(close.reason()).isEmpty();
        assertThat(close.answer()).isEmpty();
    }

    @Test
    void aOneBytePayloadIsAProtocolError() {
        assertThat(refusal(hex("03"))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void aCodeAnEndpointMaySendIsReportedAndEchoed(int code) throws Exception {
        ServerClose close = ServerClose.parse(payload(code, utf8("bye")));
        assertThat(close.code()).isEqualTo(code);
        assertThat(close.reason()).isEqualTo("bye");
        assertThat(close.answer()).isEqualTo(payload(code, new byte[0]));
    }

    /** 1005, 1006 and 1015 above all: echoing them would put on the wire what §7.4.1 keeps off it. */
    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void aCodeNoEndpointMaySendIsAProtocolError(int code) {
        assertThat(refusal(payload(code, new byte[0]))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aReasonThatIsNotUtf8IsInvalidPayloadData() throws Exception {
        assertThat(ServerClose.parse(payload(1000, utf8("κόσμε"))).reason()).isEqualTo("κόσμε");
        assertThat(refusal(payload(1000, hex("41 ED A0 80")))).isEqualTo(CloseCodes.INVALID_FRAME_PAYLOAD_DATA);
    }
}
