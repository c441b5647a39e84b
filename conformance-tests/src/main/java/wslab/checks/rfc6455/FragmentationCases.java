package wslab.checks.rfc6455;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.params.provider.MethodSource;
import wslab.grader.Case;
import wslab.grader.Check;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/** RFC 6455 §5.4: fragmentation, and control frames in the middle of a message. */
@LessonChecks("02")
class FragmentationCases {

    record Split(int opcode, int length, int pieces) {
    }

    record Interleave(int messageOpcode, int injectedOpcode) {
    }

    static final List<Case<Split>> SPLITS = new ArrayList<>();
    static final List<Case<Interleave>> CONTROL_BETWEEN = new ArrayList<>();
    static final List<Case<Frame[]>> BROKEN = new ArrayList<>();
    /** §5.4 states the rules for senders; §10.7 has receivers validate, and failing is §7.1.7. */
    static final String BROKEN_SPEC = "RFC 6455 §5.4, §10.7, §7.1.7";

    static {
        int n = 1;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int pieces : new int[] {2, 3, 10, 100}) {
                SPLITS.add(Case.of("rfc6455/5.4/" + n++, "A " + Opcode.name(opcode).toLowerCase()
                        + " message in " + pieces + " fragments is echoed as one message", "RFC 6455 §5.4",
                        new Split(opcode, 1000, pieces)));
            }
            SPLITS.add(Case.of("rfc6455/5.4/" + n++, "A " + Opcode.name(opcode).toLowerCase()
                    + " message whose fragments include empty ones is echoed as one message", "RFC 6455 §5.4",
                    new Split(opcode, 3, 6)));
            SPLITS.add(Case.of("rfc6455/5.4/" + n++, "An empty " + Opcode.name(opcode).toLowerCase()
                    + " message in three empty fragments is echoed as one empty message", "RFC 6455 §5.4",
                    new Split(opcode, 0, 3)));
        }
        n = 101;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int injected : new int[] {Opcode.PING, Opcode.PONG}) {
                CONTROL_BETWEEN.add(Case.of("rfc6455/5.4/" + n++, "A " + Opcode.name(injected)
                        + " between the fragments of a " + Opcode.name(opcode).toLowerCase()
                        + " message is handled, and the message is still echoed", "RFC 6455 §5.4, §5.5",
                        new Interleave(opcode, injected)));
            }
        }
        n = 201;
        byte[] p = Payloads.text(4);
        BROKEN.add(Case.of("rfc6455/5.4/" + n++, "A final continuation frame with no message to continue fails the connection with 1002",
                BROKEN_SPEC, new Frame[] {Frame.of(Opcode.CONTINUATION, p)}));
        BROKEN.add(Case.of("rfc6455/5.4/" + n++, "A non-final continuation frame with no message to continue fails the connection with 1002",
                BROKEN_SPEC, new Frame[] {Frame.of(Opcode.CONTINUATION, p).fin(false)}));
        BROKEN.add(Case.of("rfc6455/5.4/" + n++, "A continuation frame after a complete message fails the connection with 1002",
                BROKEN_SPEC, new Frame[] {Frame.text("done"), Frame.of(Opcode.CONTINUATION, p)}));
        for (int first : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int second : new int[] {Opcode.TEXT, Opcode.BINARY}) {
                BROKEN.add(Case.of("rfc6455/5.4/" + n++, "A new " + Opcode.name(second).toLowerCase()
                        + " frame inside a fragmented " + Opcode.name(first).toLowerCase()
                        + " message fails the connection with 1002", BROKEN_SPEC,
                        new Frame[] {Frame.of(first, p).fin(false), Frame.of(second, p)}));
            }
        }
    }

    static List<Case<Split>> splits() {
        return SPLITS;
    }

    static List<Case<Interleave>> controlBetween() {
        return CONTROL_BETWEEN;
    }

    static List<Case<Frame[]>> broken() {
        return BROKEN;
    }

    @CheckCases("rfc6455/5.4/1")
    @MethodSource("splits")
    void reassemblesFragmentedMessages(Case<Split> c, CheckContext ctx) throws IOException {
        Split sp = c.input();
        byte[] payload = Payloads.forMessage(sp.opcode(), sp.length());
        try (Session s = Session.open(ctx)) {
            Sender.fragmented(s, sp.opcode(), Payloads.split(payload, sp.pieces()));
            s.expectEcho(sp.opcode(), payload, "message sent in " + sp.pieces() + " fragments");
        }
    }

    @CheckCases("rfc6455/5.4/101")
    @MethodSource("controlBetween")
    void handlesControlFramesBetweenFragments(Case<Interleave> c, CheckContext ctx) throws IOException {
        Interleave in = c.input();
        byte[] payload = Payloads.forMessage(in.messageOpcode(), 30);
        byte[][] parts = Payloads.split(payload, 2);
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(in.messageOpcode(), parts[0]).fin(false));
            s.send(Frame.of(in.injectedOpcode(), Payloads.utf8("between")));
            s.send(Frame.of(Opcode.CONTINUATION, parts[1]));
            if (in.injectedOpcode() == Opcode.PING) {
                s.expectPong(Payloads.utf8("between"));
            }
            s.expectEcho(in.messageOpcode(), payload, "message with a " + Opcode.name(in.injectedOpcode()) + " between its fragments");
        }
    }

    @CheckCases("rfc6455/5.4/201")
    @MethodSource("broken")
    void failsOnBrokenFragmentation(Case<Frame[]> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            boolean inMessage = false;
            for (Frame f : c.input()) {
                s.send(f);
                if (f.fin() && f.opcode() == Opcode.TEXT && !inMessage) {
                    s.expectEcho(Opcode.TEXT, f.payload(), "complete text message");
                }
                inMessage |= !f.fin() && f.opcode() != Opcode.CONTINUATION;
            }
            s.expectFailure(c.info().title(), 1002);
        }
    }

    @Check(id = "rfc6455/5.4/301", spec = "RFC 6455 §5.4, §5.5.1",
            title = "A close frame between the fragments of a message is answered with a close")
    void answersACloseBetweenFragments(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.TEXT, Payloads.text(5)).fin(false));
            s.send(Frame.close(1000, new byte[0]));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455/5.4/302", spec = "RFC 6455 §5.4, RFC 9293 §2.2", faults = "slicer",
            title = "A message in ten fragments, sliced at arbitrary byte boundaries in transit, is echoed as one message")
    void reassemblesFragmentsSlicedInTransit(CheckContext ctx) throws IOException {
        ctx.faults().toxics().slicer("arbitrary_boundaries", ToxicDirection.UPSTREAM, 5, 4).setDelay(1);
        byte[] payload = Payloads.text(3000);
        try (Session s = Session.openThroughFaults(ctx)) {
            Sender.fragmented(s, Opcode.TEXT, Payloads.split(payload, 10));
            s.expectEcho(Opcode.TEXT, payload, "sliced fragmented message");
        }
    }

    @Check(id = "rfc6455/5.4/303", spec = "RFC 6455 §5.4", faults = "bandwidth",
            title = "A 256 KiB binary message in 64 fragments over a 200 KB/s link is echoed as one message")
    void reassemblesFragmentsOverASlowLink(CheckContext ctx) throws IOException {
        int kilobytesPerSecond = 200;
        ctx.faults().toxics().bandwidth("narrow_link", ToxicDirection.UPSTREAM, kilobytesPerSecond);
        byte[] payload = Payloads.binary(256 * 1024);
        try (Session s = Session.openThroughFaults(ctx)) {
            Sender.fragmented(s, Opcode.BINARY, Payloads.split(payload, 64));
            // The link needs this long to carry the message: the wait for the echo starts after it.
            s.connection().timeout(ctx.timeoutMillis() + payload.length / kilobytesPerSecond);
            s.expectEcho(Opcode.BINARY, payload, "fragmented message over a slow link");
        }
    }
}
