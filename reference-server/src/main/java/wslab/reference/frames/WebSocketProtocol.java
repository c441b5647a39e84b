package wslab.reference.frames;

/** RFC 6455 constants, named as the RFC names them. */
final class WebSocketProtocol {

    // §5.2 opcodes
    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;

    static final int B0_FLAG_FIN = 0x80;
    static final int B0_MASK_RSV = 0x70;
    static final int B0_MASK_OPCODE = 0x0F;
    static final int B1_FLAG_MASK = 0x80;
    static final int B1_MASK_LENGTH = 0x7F;
    static final int PAYLOAD_SHORT = 126;
    static final int PAYLOAD_LONG = 127;

    /** §5.5: control frames carry at most 125 bytes and are never fragmented. */
    static final int PAYLOAD_CONTROL_MAX = 125;
    static final int OPCODE_FLAG_CONTROL = 0x8;

    // §7.4.1 close codes
    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_INVALID_PAYLOAD = 1007;
    static final int CLOSE_MESSAGE_TOO_BIG = 1009;

    private WebSocketProtocol() {
    }

    static boolean isControl(int opcode) {
        return (opcode & OPCODE_FLAG_CONTROL) != 0;
    }

    /**
     * §7.4: codes an endpoint may send in a close frame. 1004-1006 and 1015 are reserved or
     * never sent; 1016-2999 are unassigned; 3000-4999 belong to libraries and applications.
     */
    static boolean isValidCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
