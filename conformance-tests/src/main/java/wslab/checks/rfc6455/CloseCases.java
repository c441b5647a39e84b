package wslab.checks.rfc6455;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.provider.MethodSource;
import wslab.grader.Case;
import wslab.grader.Check;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/** RFC 6455 §5.5.1, §7.1–7.4: the closing handshake and close codes. */
@LessonChecks("02")
class CloseCases {

    static final int[] VALID_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
    static final int[] INVALID_CODES = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999, 5000, 65535};

    static final List<Case<Integer>> VALID = new ArrayList<>();
    static final List<Case<Integer>> INVALID = new ArrayList<>();

    static {
        int n = 1;
        for (int code : VALID_CODES) {
            VALID.add(Case.of("rfc6455/7.4/" + n++, "A close with code " + code
                    + " is answered with a close, and the server closes TCP", "RFC 6455 §5.5.1, §7.4.1", code));
        }
        n = 101;
        for (int code : INVALID_CODES) {
            INVALID.add(Case.of("rfc6455/7.4/" + n++, "A close with code " + code
                    + ", which no endpoint may send, fails the connection with 1002", "RFC 6455 §7.4.1, §7.4.2, §10.7, §7.1.7", code));
        }
    }

    static List<Case<Integer>> valid() {
        return VALID;
    }

    static List<Case<Integer>> invalid() {
        return INVALID;
    }

    @CheckCases("rfc6455/7.4/1")
    @MethodSource("valid")
    void answersValidCloseCodes(Case<Integer> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.close(c.input(), new byte[0]));
            s.expectCloseAnswer(c.input());
        }
    }

    @CheckCases("rfc6455/7.4/101")
    @MethodSource("invalid")
    void failsOnInvalidCloseCodes(Case<Integer> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.close(c.input(), new byte[0]));
            s.expectFailure(c.info().title(), 1002);
        }
    }

    @Check(id = "rfc6455/5.5.1/1", spec = "RFC 6455 §5.5.1",
            title = "A close with no payload is answered with a close, and the server closes TCP")
    void answersAnEmptyClose(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.CLOSE, new byte[0]));
            s.expectCloseAnswer(0);
        }
    }

    @Check(id = "rfc6455/5.5.1/2", spec = "RFC 6455 §5.5.1",
            title = "A close with code 1000 and a reason is answered with a close")
    void answersACloseWithAReason(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.close(1000, Payloads.utf8("bye for now")));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.5.1/3", spec = "RFC 6455 §5.5, §5.5.1",
            title = "A close with a 123-byte reason, the most a control frame can carry, is answered with a close")
    void answersACloseWithTheLongestReason(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.close(1000, Payloads.text(123)));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.5.1/4", spec = "RFC 6455 §5.5.1, §10.7, §7.1.7",
            title = "A close whose payload is a single byte fails the connection with 1002")
    void failsOnAOneByteClosePayload(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.CLOSE, Payloads.bytes(0x03)));
            s.expectFailure("a close payload is empty or starts with a 2-byte code", 1002);
        }
    }

    @Check(id = "rfc6455/5.5.1/5", spec = "RFC 6455 §5.5.1, §8.1, §7.1.7",
            title = "A close whose reason is not UTF-8 fails the connection with 1007")
    void failsOnANonUtf8CloseReason(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.close(1000, Payloads.bytes(0x41, 0xED, 0xA0, 0x80)));
            s.expectFailure("the close reason must be UTF-8", 1007);
        }
    }

    @Check(id = "rfc6455/5.5.1/6", spec = "RFC 6455 §5.5.1",
            title = "After the client's close, a text message it sends is not echoed: no data frame follows the server's close")
    void ignoresDataAfterClose(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.close(1000, new byte[0]));
            s.send(Frame.text("too late"));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.5.1/7", spec = "RFC 6455 §5.5.1, §5.5.2",
            title = "After the client's close, a ping it sends does not hold the connection open: the close is answered and TCP closed")
    void ignoresPingsAfterClose(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.close(1000, new byte[0]));
            s.send(Frame.of(Opcode.PING, Payloads.utf8("too late")));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.5.1/8", spec = "RFC 6455 §5.5.1",
            title = "A text message and a close in one write: the message is echoed first, then the close is answered and TCP closed")
    void echoesAMessageSentRightBeforeTheClose(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.sendTogether(Frame.text("Hello World!"), Frame.close(1000, new byte[0]));
            s.expectEcho(Opcode.TEXT, Payloads.utf8("Hello World!"), "text message sent before the close");
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.5.1/9", spec = "RFC 6455 §5.5.1",
            title = "Two close frames in one write: the first is answered with a close and TCP is closed; the second needs no answer")
    void answersTheFirstOfTwoCloses(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.sendTogether(Frame.close(1000, new byte[0]), Frame.of(Opcode.CLOSE, new byte[0]));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.5.1/10", spec = "RFC 6455 §5.5.1, §5.5.2",
            title = "A 256 KiB text message, a short one, a close and a ping in one write: the close is answered and TCP closed;"
                    + " which echoes came before it is recorded")
    void answersACloseRightBehindALargeMessage(CheckContext ctx) throws IOException {
        byte[] large = Payloads.text(256 * 1024);
        byte[] small = Payloads.utf8("Hello World!");
        try (Session s = Session.open(ctx)) {
            s.sendTogether(Frame.of(Opcode.TEXT, large), Frame.of(Opcode.TEXT, small), Frame.close(1000, new byte[0]),
                    Frame.of(Opcode.PING, new byte[0]));
            // An implementation that writes asynchronously may answer the close before its echoes are out:
            // the RFC has no rule on that, so the echoes are only counted. What arrives must be whole and in order.
            int echoed = s.echoesBeforeTheClose(Opcode.TEXT, large, small);
            ctx.info("the server echoed " + echoed + " of the 2 messages before its close frame");
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.5.1/11", spec = "RFC 6455 §5.5.1",
            title = "A first fragment, a close, then the last fragment in one write: the close is answered and TCP closed,"
                    + " the fragment after it is not processed")
    void ignoresAFragmentAfterTheClose(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.sendTogether(Frame.of(Opcode.TEXT, Payloads.utf8("fragment1")).fin(false), Frame.close(1000, new byte[0]),
                    Frame.of(Opcode.CONTINUATION, Payloads.utf8("fragment2")));
            s.expectCloseAnswer(1000);
        }
    }
}
