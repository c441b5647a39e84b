package wslab.checks.rfc6455;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;
import wslab.reference.frames.ProtocolException;
import wslab.reference.frames.Utf8Check;

/**
 * Variants of lesson 02's reference that differ from it where RFC 6455 leaves the choice to the
 * server. None breaks a MUST or a SHOULD, so each must be graded without a FAILED even under
 * --strict: a grader that fails one of these judges the reference's habits, not the RFC.
 */
enum FramesVariants {

    /** §5.5.1 forbids data frames after a close frame, not another control frame. */
    SECOND_CLOSE_FRAME(List.of(), "after its close frame the server sent CLOSE", (in, out) -> new EchoSession(in, out) {
        @Override
        public void run() throws IOException {
            super.run();
            writer().close(1000, "once more");
        }
    }),
    /** §5.5.1: an endpoint "typically" echoes the code it received; no keyword asks for it. */
    ANSWERS_EVERY_CLOSE_WITH_1000(List.of("rfc6455/7.4", "rfc6455/5.5.1", "rfc6455/5.4/301"),
            "§5.5.1 says endpoints typically echo it", (in, out) -> new EchoSession(in, out) {
                @Override
                protected int answerCode(int received) {
                    return 1000;
                }
            }),
    /**
     * §8.1 and §5.6 ask for failing on invalid UTF-8, not for failing before the message ends.
     * Three of the fail-fast cases between fragments (the first, one in the middle, the last) and
     * Autobahn's four, inside fragments and inside one frame.
     */
    UTF8_VALIDATED_ONLY_AT_THE_END(List.of("rfc6455/8.1/401", "rfc6455/8.1/417",
            Utf8Cases.INVALID_FAIL_FAST.get(Utf8Cases.INVALID_FAIL_FAST.size() - 1).info().id(), "rfc6455/8.1/451",
            "rfc6455/8.1/452", "rfc6455/8.1/453", "rfc6455/8.1/454"),
            "the server waited for the end of the message",
            (in, out) -> new EchoSession(in, out) {
                private final ByteArrayOutputStream text = new ByteArrayOutputStream();
                private boolean inText;

                @Override
                protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
                    return true;
                }

                @Override
                protected void append(Frame f) throws IOException, ProtocolException {
                    if (f.opcode() != 0) {
                        inText = f.opcode() == 1;
                        text.reset();
                    }
                    if (inText) {
                        text.writeBytes(f.payload());
                        if (f.fin() && !Utf8Check.isValid(text.toByteArray())) {
                            throw new ProtocolException(1007, "invalid UTF-8");
                        }
                    }
                    super.append(f);
                }
            }),
    /** §5.1: on an unmasked frame the server MUST close the connection; the close frame is a MAY. */
    UNMASKED_FRAME_ENDS_TCP_WITHOUT_A_CLOSE_FRAME(List.of("rfc6455/5.1"), "§5.1 makes the close frame a MAY",
            (in, out) -> new EchoSession(in, new FailureCloseFilter(out, FailureCloseFilter.Mode.DROP_THE_CLOSE_FRAME)));

    /** The ids (or id prefixes) to grade; empty for the whole suite. */
    final List<String> only;
    /** What the transcript notes where the variant departs from the reference. */
    final String note;
    private final BiFunction<InputStream, OutputStream, EchoSession> session;

    FramesVariants(List<String> only, String note, BiFunction<InputStream, OutputStream, EchoSession> session) {
        this.only = only;
        this.note = note;
        this.session = session;
    }

    Function<LabEnvironment, LabServer> server() {
        return FramesMutants.server(session);
    }
}
