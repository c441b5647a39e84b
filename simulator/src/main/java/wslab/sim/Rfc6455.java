package wslab.sim;

/** The numbers of RFC 6455's base framing protocol (§5.2), by the names the RFC gives them. */
final class Rfc6455 {

    // §5.2: the first byte of a frame
    static final int FIN = 0x80;
    static final int RSV1_RSV2_RSV3 = 0x70;
    static final int OPCODE = 0x0F;
    // §5.2: the second byte
    static final int MASK = 0x80;
    static final int PAYLOAD_LEN = 0x7F;
    /** A 7-bit length of 126: the length is in the next 16 bits. */
    static final int PAYLOAD_LEN_16_BIT = 126;
    /** A 7-bit length of 127: the length is in the next 64 bits. */
    static final int PAYLOAD_LEN_64_BIT = 127;

    // §5.2 and §11.8: the opcodes
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** §5.5: "All control frames MUST have a payload length of 125 bytes or less". */
    static final int CONTROL_PAYLOAD_MAX = 125;
    /** §5.5.1: a close payload is a 2-byte status code and then the reason. */
    static final int CLOSE_REASON_MAX = CONTROL_PAYLOAD_MAX - 2;

    private Rfc6455() {
    }

    /** §5.5: control frames are those whose opcode has its most significant bit set. */
    static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** §5.2: 0x3-0x7 and 0xB-0xF are "reserved for further" frames, and no extension defines them here. */
    static boolean isDefined(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }
}
