package wslab.checks.rfc6455;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.provider.MethodSource;
import wslab.grader.Case;
import wslab.grader.Check;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.CheckFailed;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/** RFC 6455 §5.5: ping, pong and the rules every control frame follows. */
@LessonChecks("02")
class ControlFrameCases {

    static final List<Case<byte[]>> PINGS = new ArrayList<>();
    static final List<Case<Frame>> BAD_CONTROL = new ArrayList<>();
    static final List<Case<byte[]>> UNSOLICITED_PONGS = new ArrayList<>();
    /** §5.5 states the limits for senders; §10.7 has receivers validate, and failing is §7.1.7. */
    static final String BAD_CONTROL_SPEC = "RFC 6455 §5.5, §10.7, §7.1.7";

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
                BAD_CONTROL_SPEC, Frame.of(Opcode.PING, Payloads.text(126))));
        BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A ping with 65535 bytes of payload fails the connection with 1002",
                BAD_CONTROL_SPEC, Frame.of(Opcode.PING, Payloads.text(65535))));
        BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A pong with 126 bytes of payload fails the connection with 1002",
                BAD_CONTROL_SPEC, Frame.of(Opcode.PONG, Payloads.text(126))));
        BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A close with 126 bytes of payload fails the connection with 1002",
                BAD_CONTROL_SPEC, Frame.close(1000, Payloads.text(124))));
        for (int opcode : new int[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            byte[] payload = opcode == Opcode.CLOSE ? Payloads.bytes(0x03, 0xE8) : Payloads.text(4);
            BAD_CONTROL.add(Case.of("rfc6455/5.5/" + n++, "A " + Opcode.name(opcode)
                    + " frame without FIN (a fragmented control frame) fails the connection with 1002",
                    BAD_CONTROL_SPEC, Frame.of(opcode, payload).fin(false)));
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
            title = "Ten pings sent back to back get pongs in order, the last ping's among them (§5.5.3 lets earlier ones go unanswered)")
    void answersABurstOfPingsInOrder(CheckContext ctx) throws IOException {
        answersTenPings(ctx, Delivery.ONE_WRITE);
    }

    @Check(id = "rfc6455/5.5.2/11", spec = "RFC 6455 §5.5.2, §5.5.3, RFC 9293 §2.2", faults = "slicer",
            title = "A ping with 125 bytes of binary payload, sent octet by octet, gets a pong with the same bytes")
    void answersAPingSentOctetByOctet(CheckContext ctx) throws IOException {
        byte[] payload = new byte[125];
        java.util.Arrays.fill(payload, (byte) 0xFE);
        try (Session s = Delivery.OCTET_BY_OCTET.open(ctx)) {
            Delivery.OCTET_BY_OCTET.send(s, Frame.of(Opcode.PING, payload));
            s.expectPong(payload);
        }
    }

    @Check(id = "rfc6455/5.5.2/12", spec = "RFC 6455 §5.5.2, §5.5.3, RFC 9293 §2.2", faults = "slicer",
            title = "Ten pings sent octet by octet get pongs in order, the last ping's among them")
    void answersTenPingsSentOctetByOctet(CheckContext ctx) throws IOException {
        answersTenPings(ctx, Delivery.OCTET_BY_OCTET);
    }

    @Check(id = "rfc6455/5.5.3/4", spec = "RFC 6455 §5.5.2, §5.5.3",
            title = "An unsolicited pong, then a ping: the ping gets its pong, and the pong nothing")
    void answersAPingAfterAnUnsolicitedPong(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.PONG, Payloads.utf8("unsolicited pong payload")));
            s.send(Frame.of(Opcode.PING, Payloads.utf8("ping payload")));
            s.expectPong(Payloads.utf8("ping payload"));
        }
    }

    private static void answersTenPings(CheckContext ctx, Delivery delivery) throws IOException {
        List<String> pings = new ArrayList<>();
        try (Session s = delivery.open(ctx)) {
            Frame[] frames = new Frame[10];
            for (int i = 0; i < 10; i++) {
                pings.add("ping " + i);
                frames[i] = Frame.of(Opcode.PING, Payloads.utf8(pings.get(i)));
            }
            delivery.send(s, frames);
            List<String> pongs = new ArrayList<>();
            int next = 0;
            while (next < pings.size()) {
                Optional<Frame> f;
                try {
                    f = s.connection().readFrame();
                } catch (SocketTimeoutException e) {
                    throw new CheckFailed("a PONG for '" + pings.get(pings.size() - 1) + "', the last ping",
                            (pongs.isEmpty() ? "no pong" : "only pongs for " + pongs) + " arrived within " + ctx.timeoutMillis() + " ms");
                }
                ctx.require(f.isPresent(), "a PONG for each ping, or at least the last",
                        "the server closed the connection after pongs for " + pongs);
                if (f.get().opcode() == Opcode.PING) {
                    continue; // The server's own ping, allowed at any time (§5.5.2).
                }
                String payload = f.get().payloadText();
                int answered = pings.subList(next, pings.size()).indexOf(payload);
                ctx.require(f.get().opcode() == Opcode.PONG && answered >= 0,
                        "a PONG carrying the payload of a ping not yet answered, in the order sent",
                        "it sent " + f.get().describe() + " after pongs for " + pongs);
                pongs.add(payload);
                next += answered + 1;
            }
            if (pongs.size() < pings.size()) {
                ctx.info("pongs came for " + pongs + " only; §5.5.3 allows answering only the most recent ping");
            }
        }
    }
}
