package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static wslab.sim.ServerFrames.filled;
import static wslab.sim.ServerFrames.hex;
import static wslab.sim.ServerFrames.utf8;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 6455 §5.4 (fragments) and §8.1 (UTF-8, checked fragment by fragment) in {@link MessageAssembler}, kept and broken. */
class MessageAssemblerTest {

    private static final int LIMIT = 1000;

    private final List<String> messages = new ArrayList<>();
    private final MessageAssembler assembler = new MessageAssembler(LIMIT, new MessageAssembler.Messages() {
        @Override
        public void text(String text) {
            messages.add("text " + text);
        }

        @Override
        public void binary(byte[] data) {
            messages.add("binary " + data.length);
        }
    });

    private static Frame data(boolean fin, int opcode, byte[] payload) {
        return new Frame(fin, opcode, payload);
    }

    /** The close code the frames fail with, after those before it were taken. */
    private int refusal(Frame... frames) {
        try {
            for (Frame f : frames) {
                assembler.add(f);
            }
        } catch (ProtocolViolation v) {
            return v.closeCode();
        }
        throw new AssertionError("the frames were taken: " + messages);
    }

    @Test
    void joinsFragmentsIntoOneMessage() throws Exception {
        assembler.add(data(false, Rfc6455.TEXT, utf8("Hel")));
        assembler.add(data(false, Rfc6455.CONTINUATION, new byte[0]));
        assembler.add(data(true, Rfc6455.CONTINUATION, utf8("lo")));
        assembler.add(data(false, Rfc6455.BINARY, filled(100)));
        assembler.add(data(true, Rfc6455.CONTINUATION, filled(28)));
        assembler.add(data(true, Rfc6455.TEXT, utf8("next")));
        assertThat(messages).containsExactly("text Hello", "binary 128", "text next");
    }

    @Test
    void aContinuationWithNoMessageIsAProtocolError() throws Exception {
        assembler.add(data(true, Rfc6455.TEXT, utf8("whole")));
        assertThat(refusal(data(true, Rfc6455.CONTINUATION, utf8("orphan")))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(messages).containsExactly("text whole");
    }

    @Test
    void aNewTextFrameInsideAFragmentedMessageIsAProtocolError() {
        assertThat(refusal(data(false, Rfc6455.TEXT, utf8("ab")), data(true, Rfc6455.TEXT, utf8("cd"))))
                .isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(messages).isEmpty();
    }

    @Test
    void aNewBinaryFrameInsideAFragmentedMessageIsAProtocolError() {
        assertThat(refusal(data(false, Rfc6455.TEXT, utf8("ab")), data(true, Rfc6455.BINARY, utf8("cd"))))
                .isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(messages).isEmpty();
    }

    @Test
    void utf8SplitBetweenFragmentsIsValid() throws Exception {
        assembler.add(data(false, Rfc6455.TEXT, hex("41 E2 82")));
        assembler.add(data(false, Rfc6455.CONTINUATION, hex("AC")));
        assembler.add(data(false, Rfc6455.CONTINUATION, hex("F0 9D")));
        assembler.add(data(true, Rfc6455.CONTINUATION, hex("84 9E")));
        assertThat(messages).containsExactly("text A€𝄞");
    }

    @Test
    void invalidUtf8FailsInTheFragmentThatBringsItBeforeTheMessageEnds() throws Exception {
        assembler.add(data(false, Rfc6455.TEXT, utf8("hello ")));
        assertThat(refusal(data(false, Rfc6455.CONTINUATION, hex("ED A0 80")))).isEqualTo(CloseCodes.INVALID_FRAME_PAYLOAD_DATA);
    }

    @Test
    void aTextMessageThatEndsInsideACharacterIsInvalid() throws Exception {
        assembler.add(data(false, Rfc6455.TEXT, hex("61 E2 82")));
        assertThat(refusal(data(true, Rfc6455.CONTINUATION, new byte[0]))).isEqualTo(CloseCodes.INVALID_FRAME_PAYLOAD_DATA);
        assertThat(messages).isEmpty();
    }

    @Test
    void binaryIsNeverCheckedAsUtf8() throws Exception {
        assembler.add(data(true, Rfc6455.BINARY, hex("FF ED A0 80 E2")));
        assertThat(messages).containsExactly("binary 5");
    }

    @Test
    void aMessageOverTheLimitIsMessageTooBig() throws Exception {
        assembler.add(data(false, Rfc6455.BINARY, filled(LIMIT - 1)));
        assembler.add(data(true, Rfc6455.CONTINUATION, filled(1)));
        assertThat(messages).containsExactly("binary " + LIMIT);
        assertThat(refusal(data(false, Rfc6455.BINARY, filled(LIMIT)), data(true, Rfc6455.CONTINUATION, filled(1))))
                .isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
}
