package wslab.sim;

import static wslab.sim.CloseCodes.INVALID_FRAME_PAYLOAD_DATA;
import static wslab.sim.CloseCodes.MESSAGE_TOO_BIG;
import static wslab.sim.CloseCodes.PROTOCOL_ERROR;

import java.io.ByteArrayOutputStream;

/**
 * Joins the server's data frames into messages (RFC 6455 §5.4): a TEXT or BINARY frame starts
 * one, CONTINUATION frames carry it on, FIN ends it. A text message is checked as UTF-8 as each
 * fragment arrives (§8.1). Control frames between fragments are the caller's; they never come here.
 */
final class MessageAssembler {

    /** Where whole messages go. */
    interface Messages {
        void text(String text);

        void binary(byte[] data);
    }

    private final long maxMessage;
    private final Messages messages;
    /** The opcode of the message in progress, or -1 between messages. */
    private int opcode = -1;
    private long size;
    private Utf8Text text;
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    /** @param maxMessage the largest message taken; a larger one fails with 1009 (§7.4.1) */
    MessageAssembler(long maxMessage, Messages messages) {
        this.maxMessage = maxMessage;
        this.messages = messages;
    }

    /** Takes a TEXT, BINARY or CONTINUATION frame. */
    void add(Frame f) throws ProtocolViolation {
        if (f.opcode() == Rfc6455.CONTINUATION && opcode < 0) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "a continuation frame with no message to continue (RFC 6455 §5.4)");
        }
        if (f.opcode() != Rfc6455.CONTINUATION) {
            if (opcode >= 0) {
                throw new ProtocolViolation(PROTOCOL_ERROR, "a new message before the fragmented one ended (RFC 6455 §5.4)");
            }
            start(f.opcode());
        }
        size += f.payload().length;
        if (size > maxMessage) {
            throw new ProtocolViolation(MESSAGE_TOO_BIG, "a message over this client's " + maxMessage + "-byte limit");
        }
        if (opcode == Rfc6455.BINARY) {
            binary.writeBytes(f.payload());
        } else if (!text.append(f.payload())) {
            throw new ProtocolViolation(INVALID_FRAME_PAYLOAD_DATA, "a text message that is not UTF-8 (RFC 6455 §8.1)");
        }
        if (f.fin()) {
            finish();
        }
    }

    private void start(int messageOpcode) {
        opcode = messageOpcode;
        size = 0;
        text = messageOpcode == Rfc6455.TEXT ? new Utf8Text() : null;
        binary.reset();
    }

    private void finish() throws ProtocolViolation {
        int ended = opcode;
        opcode = -1;
        if (ended == Rfc6455.BINARY) {
            messages.binary(binary.toByteArray());
            return;
        }
        String whole = text.finish().orElseThrow(() -> new ProtocolViolation(INVALID_FRAME_PAYLOAD_DATA,
                "a text message that ends inside a UTF-8 sequence (RFC 6455 §8.1)"));
        messages.text(whole);
    }
}
