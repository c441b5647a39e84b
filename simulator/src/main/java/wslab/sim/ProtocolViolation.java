package wslab.sim;

/**
 * What the server sent fails the WebSocket connection (RFC 6455 §7.1.7), with the status code
 * the client's close frame gives as the reason: {@link CloseCodes#PROTOCOL_ERROR},
 * {@link CloseCodes#INVALID_FRAME_PAYLOAD_DATA} or {@link CloseCodes#MESSAGE_TOO_BIG}.
 */
final class ProtocolViolation extends Exception {

    private final int closeCode;

    ProtocolViolation(int closeCode, String what) {
        super(what);
        this.closeCode = closeCode;
    }

    int closeCode() {
        return closeCode;
    }
}
