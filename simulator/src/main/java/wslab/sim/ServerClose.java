package wslab.sim;

import static wslab.sim.CloseCodes.INVALID_FRAME_PAYLOAD_DATA;
import static wslab.sim.CloseCodes.NO_STATUS_RCVD;
import static wslab.sim.CloseCodes.PROTOCOL_ERROR;

import java.util.Arrays;

/**
 * The server's close frame, read as RFC 6455 §5.5.1 lays out its payload: nothing, or a 2-byte
 * status code that an endpoint may send (§7.4) and then a UTF-8 reason. {@code code} is what
 * §7.1.5 has the client report: the frame's code, or 1005 if it had none.
 */
record ServerClose(int code, String reason) {

    static ServerClose parse(byte[] payload) throws ProtocolViolation {
        if (payload.length == 0) {
            return new ServerClose(NO_STATUS_RCVD, "");
        }
        if (payload.length == 1) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "a close payload of one byte, too short for a status code (RFC 6455 §5.5.1)");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.maySend(code)) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "close code " + code + ", which no endpoint may send (RFC 6455 §7.4)");
        }
        String reason = Utf8Text.decode(Arrays.copyOfRange(payload, 2, payload.length)).orElseThrow(() ->
                new ProtocolViolation(INVALID_FRAME_PAYLOAD_DATA, "a close reason that is not UTF-8 (RFC 6455 §5.5.1, §8.1)"));
        return new ServerClose(code, reason);
    }

    /** The payload of the client's answer (§5.5.1): the same code, or none if the server sent none. */
    byte[] answer() {
        return code == NO_STATUS_RCVD ? new byte[0] : new byte[] {(byte) (code >>> 8), (byte) code};
    }
}
