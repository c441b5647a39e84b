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
    static final List<Case<Delivery>> TWO_FRAGMENTS = new ArrayList<>();
    static final List<Case<Delivery>> PING_BETWEEN = new ArrayList<>();
    static final List<Case<Delivery>> PINGS_WITH_A_PAUSE = new ArrayList<>();
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
        n = 13;
        for (Delivery d : Delivery.values()) {
            TWO_FRAGMENTS.add(Case.of("rfc6455/5.4/" + n++, "A text message in two fragments, sent " + d.words
                    + ", is echoed as one message", "RFC 6455 §5.4, RFC 9293 §2.2", d, d.faults()));
        }
        n = 105;
        for (Delivery d : Delivery.values()) {
            PING_BETWEEN.add(Case.of("rfc6455/5.4/" + n++, "A text message in two fragments with a ping between them, sent "
                    + d.words + ": the ping gets its pong and the message is echoed", "RFC 6455 §5.4, §5.5.2, RFC 9293 §2.2", d, d.faults()));
        }
        for (Delivery d : new Delivery[] {Delivery.ONE_WRITE, Delivery.FRAME_BY_FRAME}) {
            PINGS_WITH_A_PAUSE.add(Case.of("rfc6455/5.4/" + n++, "A text message in five fragments with two pings, paused after the"
                    + " first ping (" + d.words + "): each ping gets its pong while the message is unfinished, then the echo",
                    "RFC 6455 §5.4, §5.5.2", d));
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
        for (boolean fin : new boolean[] {false, true}) {
            List<Frame> twice = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                twice.add(Frame.of(Opcode.CONTINUATION, Payloads.utf8("fragment1")).fin(fin));
                twice.add(Frame.of(Opcode.TEXT, Payloads.utf8("fragment2")).fin(false));
                twice.add(Frame.of(Opcode.CONTINUATION, Payloads.utf8("fragment3")));
            }
            BROKEN.add(Case.of("rfc6455/5.4/" + n++, "Twice over, a " + (fin ? "final" : "non-final")
                    + " continuation frame with no message to continue, then a text message in two fragments: the connection fails with 1002",
                    BROKEN_SPEC, twice.toArray(Frame[]::new)));
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

    static List<Case<Delivery>> twoFragments() {
        return TWO_FRAGMENTS;
    }

    static List<Case<Delivery>> pingBetween() {
        return PING_BETWEEN;
    }

    static List<Case<Delivery>> pingsWithAPause() {
        return PINGS_WITH_A_PAUSE;
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
            String what = "message with a " + Opcode.name(in.injectedOpcode()) + " between its fragments";
            if (in.injectedOpcode() == Opcode.PING) {
                s.expectPongAndEcho(Payloads.utf8("between"), in.messageOpcode(), payload, what);
            } else {
                s.expectEcho(in.messageOpcode(), payload, what);
            }
        }
    }

    @CheckCases("rfc6455/5.4/13")
    @MethodSource("twoFragments")
    void reassemblesTwoFragmentsHoweverTheyArrive(Case<Delivery> c, CheckContext ctx) throws IOException {
        Delivery d = c.input();
        try (Session s = d.open(ctx)) {
            d.send(s, Frame.of(Opcode.TEXT, Payloads.utf8("fragment1")).fin(false), Frame.of(Opcode.CONTINUATION, Payloads.utf8("fragment2")));
            s.expectEcho(Opcode.TEXT, Payloads.utf8("fragment1fragment2"), "message in two fragments, sent " + d.words);
        }
    }

    @CheckCases("rfc6455/5.4/105")
    @MethodSource("pingBetween")
    void answersAPingBetweenFragmentsHoweverTheyArrive(Case<Delivery> c, CheckContext ctx) throws IOException {
        Delivery d = c.input();
        byte[] ping = Payloads.utf8("ping payload");
        try (Session s = d.open(ctx)) {
            d.send(s, Frame.of(Opcode.TEXT, Payloads.utf8("fragment1")).fin(false), Frame.of(Opcode.PING, ping),
                    Frame.of(Opcode.CONTINUATION, Payloads.utf8("fragment2")));
            s.expectPongAndEcho(ping, Opcode.TEXT, Payloads.utf8("fragment1fragment2"), "message with a ping between its fragments");
        }
    }

    /** Autobahn 5.19 and 5.20: the first pong is awaited before the rest is sent, so answering it late shows. */
    @CheckCases("rfc6455/5.4/108")
    @MethodSource("pingsWithAPause")
    void answersPingsWhileAMessageIsUnfinished(Case<Delivery> c, CheckContext ctx) throws IOException {
        Delivery d = c.input();
        byte[][] fragments = new byte[5][];
        for (int i = 0; i < 5; i++) {
            fragments[i] = Payloads.utf8("fragment" + (i + 1));
        }
        byte[] first = Payloads.utf8("pongme 1!");
        byte[] second = Payloads.utf8("pongme 2!");
        try (Session s = d.open(ctx)) {
            d.send(s, Frame.of(Opcode.TEXT, fragments[0]).fin(false), Frame.of(Opcode.CONTINUATION, fragments[1]).fin(false),
                    Frame.of(Opcode.PING, first));
            s.expectPongWhileTheMessageIsUnfinished(first);
            d.send(s, Frame.of(Opcode.CONTINUATION, fragments[2]).fin(false), Frame.of(Opcode.CONTINUATION, fragments[3]).fin(false),
                    Frame.of(Opcode.PING, second), Frame.of(Opcode.CONTINUATION, fragments[4]));
            // Had the first pong not come, §5.5.3 lets the server answer only the latest ping.
            s.expectPongAndEcho(second, Opcode.TEXT, Payloads.concat(fragments), "message in five fragments");
        }
    }

    @CheckCases("rfc6455/5.4/201")
    @MethodSource("broken")
    void failsOnBrokenFragmentation(Case<Frame[]> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            Frame[] frames = c.input();
            int from = 0;
            if (frames[0].fin() && frames[0].opcode() == Opcode.TEXT) {
                // A complete message first: its echo shows the connection worked before the violation.
                s.send(frames[0]);
                s.expectEcho(Opcode.TEXT, frames[0].payload(), "complete text message");
                from = 1;
            }
            // The rest in one write: a server that fails at the first of them may reset the connection
            // before the suite could write the others.
            s.sendTogether(java.util.Arrays.copyOfRange(frames, from, frames.length));
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
        ctx.faults().toxics().slicer("arbitrary_boundaries", ToxicDirection.UPSTREAM, 5, 4).setDelay(Session.sliceDelayMicros(ctx));
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
