package wslab.reference.frames;

import static wslab.reference.frames.WebSocketProtocol.B0_FLAG_FIN;
import static wslab.reference.frames.WebSocketProtocol.B0_MASK_OPCODE;
import static wslab.reference.frames.WebSocketProtocol.B0_MASK_RSV;
import static wslab.reference.frames.WebSocketProtocol.B1_FLAG_MASK;
import static wslab.reference.frames.WebSocketProtocol.B1_MASK_LENGTH;
import static wslab.reference.frames.WebSocketProtocol.CLOSE_MESSAGE_TOO_BIG;
import static wslab.reference.frames.WebSocketProtocol.CLOSE_PROTOCOL_ERROR;
import static wslab.reference.frames.WebSocketProtocol.PAYLOAD_CONTROL_MAX;
import static wslab.reference.frames.WebSocketProtocol.PAYLOAD_LONG;
import static wslab.reference.frames.WebSocketProtocol.PAYLOAD_SHORT;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads client frames (RFC 6455 §5.2) and rejects what a server must not accept. Each rule is
 * its own method so a broken variant can replace exactly one of them.
 */
public class FrameReader {

    private final DataInputStream in;
    private final long maxPayload;

    protected FrameReader(InputStream in, long maxPayload) {
        this.in = new DataInputStream(in);
        this.maxPayload = maxPayload;
    }

    /** The next frame, or empty at a clean end of stream between frames. */
    public Optional<Frame> next() throws IOException, ProtocolException {
        int b0 = in.read();
        if (b0 < 0) {
            return Optional.empty();
        }
        int b1 = in.readUnsignedByte();
        int opcode = b0 & B0_MASK_OPCODE;
        boolean fin = (b0 & B0_FLAG_FIN) != 0;
        checkReservedBits(b0 & B0_MASK_RSV);
        checkOpcode(opcode);
        boolean masked = (b1 & B1_FLAG_MASK) != 0;
        checkMasked(masked);
        long length = b1 & B1_MASK_LENGTH;
        if (length == PAYLOAD_SHORT) {
            length = readShortLength(in);
        } else if (length == PAYLOAD_LONG) {
            length = readLongLength(in);
        }
        if (WebSocketProtocol.isControl(opcode)) {
            checkControlFrame(fin, length);
        }
        if (length > maxPayload) {
            throw new ProtocolException(CLOSE_MESSAGE_TOO_BIG, "frame of " + length + " bytes");
        }
        byte[] mask = readMaskingKey(in, masked);
        byte[] payload = new byte[(int) length];
        try {
            readPayload(in, payload);
        } catch (EOFException e) {
            throw new EOFException("connection closed inside a frame");
        }
        unmask(payload, mask);
        return Optional.of(new Frame(fin, opcode, payload));
    }

    /** §5.2: no extension was negotiated, so any reserved bit fails the connection. */
    protected void checkReservedBits(int rsv) throws ProtocolException {
        if (rsv != 0) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "reserved bits set without an extension");
        }
    }

    protected void checkOpcode(int opcode) throws ProtocolException {
        if (opcode > 0x2 && opcode < 0x8 || opcode > 0xA) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "reserved opcode 0x" + Integer.toHexString(opcode));
        }
    }

    /** §5.1: a server MUST close the connection upon receiving an unmasked frame. */
    protected void checkMasked(boolean masked) throws ProtocolException {
        if (!masked) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "client frames must be masked");
        }
    }

    /** §5.5: control frames carry at most 125 bytes and are never fragmented. */
    protected void checkControlFrame(boolean fin, long length) throws ProtocolException {
        if (length > PAYLOAD_CONTROL_MAX) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "control frame payload over 125 bytes");
        }
        if (!fin) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "fragmented control frame");
        }
    }

    /** §5.2: the 16-bit length is unsigned, 126 to 65535. */
    protected long readShortLength(DataInputStream in) throws IOException, ProtocolException {
        return in.readUnsignedShort();
    }

    /** §5.2: the 64-bit length's most significant bit MUST be 0; a set bit would read as negative. */
    protected long readLongLength(DataInputStream in) throws IOException, ProtocolException {
        long length = in.readLong();
        if (length < 0) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "64-bit length with the most significant bit set");
        }
        return length;
    }

    /** §5.3: the 4-byte masking key follows the length when the MASK bit is set; none, all zeros, otherwise. */
    protected byte[] readMaskingKey(DataInputStream in, boolean masked) throws IOException {
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        return mask;
    }

    /** The whole payload, however many reads (TCP segments) it takes to arrive. */
    protected void readPayload(DataInputStream in, byte[] payload) throws IOException {
        in.readFully(payload);
    }

    /** §5.3: octet i of the payload is XORed with octet i MOD 4 of the masking key. */
    protected void unmask(byte[] payload, byte[] mask) {
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
    }
}
