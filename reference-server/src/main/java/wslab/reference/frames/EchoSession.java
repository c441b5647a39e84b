package wslab.reference.frames;

import static wslab.reference.frames.WebSocketProtocol.CLOSE_INVALID_PAYLOAD;
import static wslab.reference.frames.WebSocketProtocol.CLOSE_MESSAGE_TOO_BIG;
import static wslab.reference.frames.WebSocketProtocol.CLOSE_PROTOCOL_ERROR;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_BINARY;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_CLOSE;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_CONTINUATION;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_PING;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_PONG;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_TEXT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Lesson 02's reference: after the handshake, echo every message, answer pings, and run the
 * closing handshake, failing the connection with the RFC's close code on any violation.
 */
public class EchoSession {

    /** Larger messages fail with 1009; 16 MiB covers the suite's biggest case. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 1024;

    private final FrameReader reader;
    private final FrameWriter writer;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private final Utf8Check utf8 = new Utf8Check();
    /** The opcode of the message being assembled, or -1 between messages. */
    private int messageOpcode = -1;

    public EchoSession(InputStream in, OutputStream out) {
        this.reader = newReader(in);
        this.writer = newWriter(out);
    }

    /** The frame reader; a broken variant substitutes its own. */
    protected FrameReader newReader(InputStream in) {
        return new FrameReader(in, MAX_MESSAGE_BYTES);
    }

    /** The frame writer; a broken variant substitutes its own. */
    protected FrameWriter newWriter(OutputStream out) {
        return new FrameWriter(out);
    }

    /** Runs until the connection closes. Returns normally after a close handshake or a failure. */
    public void run() throws IOException {
        try {
            while (true) {
                Optional<Frame> next = reader.next();
                if (next.isEmpty()) {
                    return; // TCP closed without a close frame: nothing left to answer.
                }
                if (!handle(next.get())) {
                    return;
                }
            }
        } catch (ProtocolException e) {
            // §7.1.7: fail the connection: send a close frame with the reason, then close TCP.
            writer.close(e.closeCode(), e.getMessage());
        }
    }

    /** @return false once the close handshake is done */
    private boolean handle(Frame f) throws IOException, ProtocolException {
        received(f);
        switch (f.opcode()) {
            case OPCODE_PING -> answerPing(f.payload());
            case OPCODE_PONG -> pongReceived(f.payload());
            case OPCODE_CLOSE -> {
                answerClose(f.payload());
                return keepsReadingAfterClose();
            }
            case OPCODE_TEXT, OPCODE_BINARY -> {
                if (messageOpcode != -1) {
                    messageInterrupted();
                }
                messageOpcode = f.opcode();
                append(f);
            }
            case OPCODE_CONTINUATION -> {
                if (messageOpcode == -1) {
                    continuationWithoutMessage();
                } else {
                    append(f);
                }
            }
            default -> throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "unexpected opcode " + f.opcode());
        }
        return true;
    }

    /** Adds a data frame to the message being assembled and echoes it when complete (§5.4). */
    protected void append(Frame f) throws IOException, ProtocolException {
        if ((long) message.size() + f.payload().length > MAX_MESSAGE_BYTES) {
            throw new ProtocolException(CLOSE_MESSAGE_TOO_BIG, "message over " + MAX_MESSAGE_BYTES + " bytes");
        }
        if (messageOpcode == OPCODE_TEXT && !feedUtf8(utf8, f.payload())) {
            throw new ProtocolException(CLOSE_INVALID_PAYLOAD, "invalid UTF-8 in a text message");
        }
        message.write(f.payload());
        if (f.fin()) {
            if (messageOpcode == OPCODE_TEXT && !finishUtf8(utf8)) {
                throw new ProtocolException(CLOSE_INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            }
            onMessage(messageOpcode, message.toByteArray());
            message.reset();
            messageOpcode = -1;
        }
    }

    /** Every frame, before it is handled: a later lesson tracks liveness here. */
    protected void received(Frame f) {
    }

    /** A complete message: this lesson echoes it. */
    protected void onMessage(int opcode, byte[] message) throws IOException {
        writer.write(opcode, message);
    }

    /** §5.5.2: a pong with the ping's payload. */
    protected void answerPing(byte[] payload) throws IOException {
        writer.write(OPCODE_PONG, payload);
    }

    /** §8.1: fail fast, as each fragment arrives. */
    protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
        return check.feed(fragment);
    }

    /** §8.1: a message that ends inside a UTF-8 sequence is not UTF-8. */
    protected boolean finishUtf8(Utf8Check check) {
        return check.finish();
    }

    /** §5.5.3: an unsolicited pong is allowed and needs no answer. */
    protected void pongReceived(byte[] payload) throws IOException, ProtocolException {
    }

    /** §5.4: a data frame with an opcode while a fragmented message is unfinished. */
    protected void messageInterrupted() throws ProtocolException {
        throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "new message before the last one finished");
    }

    /** §5.4: a continuation frame when no fragmented message is in progress. */
    protected void continuationWithoutMessage() throws ProtocolException {
        throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "continuation without a message to continue");
    }

    /** §1.4, §5.5.1: after the close handshake nothing more is processed. */
    protected boolean keepsReadingAfterClose() {
        return false;
    }

    /** §7.4.1 plus the later IANA registrations up to 1014. */
    protected boolean isValidCloseCode(int code) {
        return WebSocketProtocol.isValidCloseCode(code);
    }

    /** §5.5.1: the code to answer a valid close with; echoing it is what the RFC expects. */
    protected int answerCode(int received) {
        return received;
    }

    /** §5.5.1, §7.4: echo a valid code; a 1-byte payload, a bad code or a non-UTF-8 reason fail. */
    protected void answerClose(byte[] payload) throws IOException, ProtocolException {
        if (payload.length == 0) {
            writer.write(OPCODE_CLOSE, new byte[0]);
            return;
        }
        if (payload.length == 1) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "close payload of one byte");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!isValidCloseCode(code)) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "invalid close code " + code);
        }
        if (!Utf8Check.isValid(Arrays.copyOfRange(payload, 2, payload.length))) {
            throw new ProtocolException(CLOSE_INVALID_PAYLOAD, "close reason is not UTF-8");
        }
        writer.close(answerCode(code), "");
    }

    /** For a broken variant that answers frames on its own terms. */
    protected final FrameWriter writer() {
        return writer;
    }
}
