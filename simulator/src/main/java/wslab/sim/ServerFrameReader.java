package wslab.sim;

import static wslab.sim.CloseCodes.MESSAGE_TOO_BIG;
import static wslab.sim.CloseCodes.PROTOCOL_ERROR;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the frames a server sends (RFC 6455 §5.2) and refuses those a client must not take: a
 * reserved bit with no extension negotiated, a reserved opcode, a mask (§5.1), a control frame
 * over 125 bytes or fragmented (§5.5), a frame larger than the client's limit.
 */
final class ServerFrameReader {

    private final DataInputStream in;
    private final long maxPayload;

    /** @param maxPayload the largest payload taken; a larger frame fails with 1009 (§7.4.1) */
    ServerFrameReader(InputStream in, long maxPayload) {
        this.in = new DataInputStream(in);
        this.maxPayload = maxPayload;
    }

    /** The next frame, or empty if the connection ended between frames. */
    Optional<Frame> next() throws IOException, ProtocolViolation {
        int b0 = in.read();
        if (b0 < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(rest(b0));
        } catch (EOFException e) {
            throw new EOFException("the connection ended in the middle of a frame");
        }
    }

    private Frame rest(int b0) throws IOException, ProtocolViolation {
        int b1 = in.readUnsignedByte();
        boolean fin = (b0 & Rfc6455.FIN) != 0;
        int opcode = b0 & Rfc6455.OPCODE;
        if ((b0 & Rfc6455.RSV1_RSV2_RSV3) != 0) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "a reserved bit is set, and no extension defines it (RFC 6455 §5.2)");
        }
        if (!Rfc6455.isDefined(opcode)) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "reserved opcode 0x" + Integer.toHexString(opcode) + " (RFC 6455 §5.2)");
        }
        if ((b1 & Rfc6455.MASK) != 0) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "a masked frame from the server (RFC 6455 §5.1)");
        }
        long length = length(b1 & Rfc6455.PAYLOAD_LEN);
        if (Rfc6455.isControl(opcode) && (length > Rfc6455.CONTROL_PAYLOAD_MAX || !fin)) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "a control frame " + (fin ? "of " + length + " bytes" : "without FIN")
                    + ": control frames carry at most 125 bytes and are never fragmented (RFC 6455 §5.5)");
        }
        if (length > maxPayload) {
            throw new ProtocolViolation(MESSAGE_TOO_BIG, "a frame of " + length + " bytes, over this client's "
                    + maxPayload + "-byte limit");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(fin, opcode, payload);
    }

    /** §5.2: 7 bits, or 126 and 16 bits, or 127 and 64 bits whose most significant bit MUST be 0. */
    private long length(int sevenBits) throws IOException, ProtocolViolation {
        if (sevenBits == Rfc6455.PAYLOAD_LEN_16_BIT) {
            return in.readUnsignedShort();
        }
        if (sevenBits == Rfc6455.PAYLOAD_LEN_64_BIT) {
            long length = in.readLong();
            if (length < 0) {
                throw new ProtocolViolation(PROTOCOL_ERROR, "a 64-bit payload length with its most significant bit set (RFC 6455 §5.2)");
            }
            return length;
        }
        return sevenBits;
    }
}
