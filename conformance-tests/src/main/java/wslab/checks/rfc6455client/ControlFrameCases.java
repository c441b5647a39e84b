package wslab.checks.rfc6455client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.provider.MethodSource;
import wslab.checks.rfc6455.Payloads;
import wslab.grader.Case;
import wslab.grader.Check;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/** RFC 6455 §5.5, §5.5.2, §5.5.3 from the client's side: control frame limits, ping and pong. */
@LessonChecks("02c")
class ControlFrameCases {

    record Broken(Frame frame, String what) {
    }

    static final List<Case<Broken>> BROKEN = new ArrayList<>();
    static final List<Case<byte[]>> PINGS = new ArrayList<>();

    static {
        int n = 1;
        BROKEN.add(broken(n++, "A ping of 126 bytes", Frames.of(Opcode.PING, Payloads.text(126))));
        BROKEN.add(broken(n++, "A pong of 126 bytes", Frames.of(Opcode.PONG, Payloads.text(126))));
        BROKEN.add(broken(n++, "A close of 126 bytes (a code and a 124-byte reason)", Frames.close(1000, Payloads.text(124))));
        BROKEN.add(broken(n++, "A ping without FIN (a fragmented control frame)", Frames.of(Opcode.PING, Payloads.utf8("ping")).fin(false)));
        BROKEN.add(broken(n++, "A pong without FIN", Frames.of(Opcode.PONG, Payloads.utf8("pong")).fin(false)));
        BROKEN.add(broken(n++, "A close without FIN", Frames.close(1000, new byte[0]).fin(false)));
        n = 1;
        PINGS.add(Case.of("rfc6455-client/5.5.2/" + n++, "A ping with no payload is answered with an empty pong",
                "RFC 6455 §5.5.2, §5.5.3", new byte[0]));
        PINGS.add(Case.of("rfc6455-client/5.5.2/" + n++, "A ping of 125 bytes, the most a control frame carries, is"
                + " answered with a pong carrying the same 125 bytes", "RFC 6455 §5.5.2, §5.5.3", Payloads.text(125)));
        PINGS.add(Case.of("rfc6455-client/5.5.2/" + n++, "A ping whose payload is not text (every byte value) is"
                + " answered with a pong carrying the same bytes", "RFC 6455 §5.5.2, §5.5.3", Payloads.binary(64)));
    }

    private static Case<Broken> broken(int n, String what, Frame frame) {
        return Case.of("rfc6455-client/5.5/" + n, what + " makes the client fail the connection with 1002",
                "RFC 6455 §5.5, §10.7, §7.1.7", new Broken(frame, what));
    }

    static List<Case<Broken>> broken() {
        return BROKEN;
    }

    static List<Case<byte[]>> pings() {
        return PINGS;
    }

    @CheckCases("rfc6455-client/5.5/1")
    @MethodSource("broken")
    void failsOnBrokenControlFrames(Case<Broken> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(c.input().frame());
            s.expectFailure("control frames carry at most 125 bytes and are never fragmented (§5.5)", 1002);
        }
    }

    @CheckCases("rfc6455-client/5.5.2/1")
    @MethodSource("pings")
    void answersPings(Case<byte[]> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.of(Opcode.PING, c.input()));
            s.expectPong(c.input());
        }
    }

    @Check(id = "rfc6455-client/5.5.3/1", spec = "RFC 6455 §5.5.3",
            title = "An unsolicited pong from the server is ignored: the connection carries on and the next text message is echoed")
    void ignoresAnUnsolicitedPong(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(Frames.of(Opcode.PONG, Payloads.utf8("unsolicited")), Frames.text("after the pong"));
            s.expectEcho(Opcode.TEXT, Payloads.utf8("after the pong"), "text message after the pong");
        }
    }
}
