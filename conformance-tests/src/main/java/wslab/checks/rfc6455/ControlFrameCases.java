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

/** RFC 6455 §5.5: ping, pong and the rules every control frame follows. */
@LessonChecks("02")
class ControlFrameCases {

    static final List<Case<byte[]>> PINGS = new ArrayList<>();
    static final List<Case<Frame>> BAD_CONTROL = new ArrayList<>();
    static final List<Case<byte[]>> UNSOLICITED_PONGS = new ArrayList<>();

    static {
        int n = 1;
        for (int len : new int[] {0, 1, 10, 64, 125}) {
            PINGS.add(Case.of("rfc6455/5.5.2/" + n++, "A ping with " + Payloads.size(len)
                    + " of payload gets a pong with the same payload", "RFC 6455 §5.5.2, §5.5.3", Payloads.text(len)));
        }
        PINGS.add(Case.of("rfc6455/5.5.2/" + n, "A ping with 125 bytes of binary payload gets a pong with the same bytes",
                "RFC 6455 §5.5.2, §5.5.3", Payloads.binary(125)));
        n = 1;
        BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A ping with 126 bytes of payload fails the connection with 1002",
                "RFC 6455 §5.5", Frame.of(Opcode.PING, Payloads.text(126))));
        BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A ping with 65535 bytes of payload fails the connection with 1002",
                "RFC 6455 §5.5", Frame.of(Opcode.PING, Payloads.text(65535))));
        BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A pong with 126 bytes of payload fails the connection with 1002",
                "RFC 6455 §5.5", Frame.of(Opcode.PONG, Payloads.text(126))));
        BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A close with 126 bytes of payload fails the connection with 1002",
                "RFC 6455 §5.5", Frame.close(1000, Payloads.text(124))));
        for (int opcode : new int[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            byte[] payload = opcode == Opcode.CLOSE ? Payloads.bytes(0x03, 0xE8) : Payloads.text(4);
            BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A " + Opcode.name(opcode)
                    + " frame without FIN (a fragmented control frame) fails the connection with 1002",
                    "RFC 6455 §5.5", Frame.of(opcode, payload).fin(false)));
        }
        n = 1;
        for (int len : new int[] {0, 10, 125}) {
            UNSOLICITED_PONGS.add(Case.of("rfc6455/5.5.3/" + n++, "An unsolicited pong with " + Payloads.size(len)
                    + " is ignored: no answer, and the connection carries on", "RFC 6455 §5.5.3", Payloads.text(len)));
        }
    }

    static List<Case<byte[]>> pings() {
        return PINGS;
    }

    static List<Case<Frame>> badControl() {
        return BAD_CONTROL;
    }

    static List<Case<byte[]>> unsolicitedPongs() {
        return UNSOLICITED_PONGS;
    }

    @CheckCases("rfc6455/5.5.2/1")
    @MethodSource("pings")
    void answersPingsWithTheSamePayload(Case<byte[]> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.PING, c.input()));
            s.expectPong(c.input());
        }
    }

    @CheckCases("rfc6455/5.5/1")
    @MethodSource("badControl")
    void failsOnBrokenControlFrames(Case<Frame> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(c.input());
            s.expectFailure(c.info().title(), 1002);
        }
    }

    @CheckCases("rfc6455/5.5.3/1")
    @MethodSource("unsolicitedPongs")
    void ignoresUnsolicitedPongs(Case<byte[]> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.PONG, c.input()));
            s.send(Frame.text("after the pong"));
            s.expectEcho(Opcode.TEXT, Payloads.utf8("after the pong"), "text message sent after the pong");
        }
    }

    @Check(id = "rfc6455/5.5.2/10", spec = "RFC 6455 §5.5.2, §5.5.3",
            title = "Ten pings sent back to back get ten pongs, in order, each with its own payload")
    void answersABurstOfPingsInOrder(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            for (int i = 0; i < 10; i++) {
                s.send(Frame.of(Opcode.PING, Payloads.utf8("ping " + i)));
            }
            for (int i = 0; i < 10; i++) {
                s.expectPong(Payloads.utf8("ping " + i));
            }
        }
    }
}
