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

/**
 * RFC 6455 §10.4: bursts and large messages, the sizes of Autobahn's section 9, with the times the
 * round trips took in the transcript (as Autobahn reports them). A server may limit sizes (§10.4);
 * lesson 02's contract has it echo up to 16 MiB, so none of these may be refused.
 */
@LessonChecks("02")
class LimitsCases {

    record Sized(int opcode, int length, int piece) {
        String kind() {
            return Opcode.name(opcode).toLowerCase();
        }
    }

    static final int[] FRAGMENT_SIZES = {64, 256, 1 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20};
    static final int[] CHOP_SIZES = {64, 128, 256, 512, 1024, 2048};
    static final int[] ROUND_TRIP_SIZES = {0, 16, 64, 256, 1024, 4096};
    static final int ROUND_TRIPS = 1000;

    static final List<Case<Sized>> LARGE = new ArrayList<>();
    static final List<Case<Sized>> FRAGMENTED = new ArrayList<>();
    static final List<Case<Sized>> CHOPPED = new ArrayList<>();
    static final List<Case<Sized>> ROUND_TRIP = new ArrayList<>();

    static {
        int n = 4;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            Sized l = new Sized(opcode, 8 << 20, 8 << 20);
            LARGE.add(Case.of("rfc6455/10.4/" + n++, "A " + l.kind() + " message of 8 MiB in one frame is echoed intact",
                    "RFC 6455 §5.2 Payload length, §10.4", l));
        }
        n = 101;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int size : FRAGMENT_SIZES) {
                Sized f = new Sized(opcode, 4 << 20, size);
                FRAGMENTED.add(Case.of("rfc6455/10.4/" + n++, "A 4 MiB " + f.kind() + " message in fragments of "
                        + Payloads.size(size) + " is echoed as one message", "RFC 6455 §5.4, §10.4", f));
            }
        }
        FRAGMENTED.add(Case.of("rfc6455/10.4/" + n, "A 65536-byte text message in fragments of 1300 bytes is echoed as one message",
                "RFC 6455 §5.4, §10.4", new Sized(Opcode.TEXT, 65536, 1300)));
        n = 201;
        List<Sized> chops = new ArrayList<>();
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int size : CHOP_SIZES) {
                chops.add(new Sized(opcode, 1 << 20, size));
            }
        }
        chops.add(new Sized(Opcode.TEXT, 65536, 997));
        chops.add(new Sized(Opcode.BINARY, 65536, 997));
        for (Sized c : chops) {
            CHOPPED.add(Case.of("rfc6455/10.4/" + n++, "A " + Payloads.size(c.length()) + " " + c.kind() + " message in one frame,"
                    + " written in chops of " + c.piece() + " bytes, is echoed intact", "RFC 6455 §6.2, §10.4, RFC 9293 §2.2", c));
        }
        n = 301;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int size : ROUND_TRIP_SIZES) {
                Sized r = new Sized(opcode, size, size);
                ROUND_TRIP.add(Case.of("rfc6455/10.4/" + n++, ROUND_TRIPS + " " + r.kind() + " messages of " + Payloads.size(size)
                        + ", each sent when the last came back, are all echoed; the round-trip time is recorded", "RFC 6455 §5.6, §10.4", r));
            }
        }
    }

    static List<Case<Sized>> large() {
        return LARGE;
    }

    static List<Case<Sized>> fragmented() {
        return FRAGMENTED;
    }

    static List<Case<Sized>> chopped() {
        return CHOPPED;
    }

    static List<Case<Sized>> roundTrip() {
        return ROUND_TRIP;
    }

    @CheckCases("rfc6455/10.4/4")
    @MethodSource("large")
    void echoesLargeMessages(Case<Sized> c, CheckContext ctx) throws IOException {
        Sized l = c.input();
        byte[] payload = Payloads.forMessage(l.opcode(), l.length());
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(l.opcode(), payload));
            s.expectEcho(l.opcode(), payload, l.kind() + " message of " + Payloads.size(l.length()));
        }
    }

    @CheckCases("rfc6455/10.4/101")
    @MethodSource("fragmented")
    void echoesLargeFragmentedMessages(Case<Sized> c, CheckContext ctx) throws IOException {
        Sized f = c.input();
        byte[] payload = Payloads.forMessage(f.opcode(), f.length());
        try (Session s = Session.open(ctx)) {
            s.sendInFragments(f.opcode(), payload, f.piece());
            s.expectEcho(f.opcode(), payload, Payloads.size(f.length()) + " message in fragments of " + Payloads.size(f.piece()));
        }
    }

    @CheckCases("rfc6455/10.4/201")
    @MethodSource("chopped")
    void echoesMessagesArrivingInChops(Case<Sized> c, CheckContext ctx) throws IOException {
        Sized chop = c.input();
        byte[] payload = Payloads.forMessage(chop.opcode(), chop.length());
        try (Session s = Session.open(ctx)) {
            s.sendInChops(chop.piece(), Frame.of(chop.opcode(), payload));
            s.expectEcho(chop.opcode(), payload, Payloads.size(chop.length()) + " message in chops of " + chop.piece() + " bytes");
        }
    }

    @CheckCases("rfc6455/10.4/301")
    @MethodSource("roundTrip")
    void echoesMessagesOneAfterAnother(Case<Sized> c, CheckContext ctx) throws IOException {
        Sized r = c.input();
        byte[] payload = Payloads.forMessage(r.opcode(), r.length());
        try (Session s = Session.open(ctx)) {
            ctx.transcript().note(ROUND_TRIPS + " round trips follow, each " + Opcode.name(r.opcode()) + " of " + Payloads.size(r.length())
                    + " out and its echo back; the frames are not listed one by one");
            s.connection().logFrames(false);
            long slowest = 0;
            long start = ctx.nanoTime();
            try {
                for (int i = 1; i <= ROUND_TRIPS; i++) {
                    long sent = ctx.nanoTime();
                    s.send(Frame.of(r.opcode(), payload));
                    s.expectEcho(r.opcode(), payload, r.kind() + " message " + i + " of " + ROUND_TRIPS);
                    slowest = Math.max(slowest, ctx.nanoTime() - sent);
                }
            } finally {
                s.connection().logFrames(true);
            }
            long total = ctx.nanoTime() - start;
            ctx.info(String.format("%d round trips of %s took %.1f ms: %.1f µs each on average, %.1f µs the slowest%s",
                    ROUND_TRIPS, Payloads.size(r.length()), total / 1e6, total / 1e3 / ROUND_TRIPS, slowest / 1e3,
                    ctx.virtualTime() ? " (virtual time)" : ""));
        }
    }

    @Check(id = "rfc6455/10.4/1", spec = "RFC 6455 §5.6, §10.4",
            title = "1000 text messages sent back to back are all echoed, in order")
    void echoesABurstInOrder(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            for (int i = 0; i < 1000; i++) {
                s.send(Frame.text("message " + i));
            }
            for (int i = 0; i < 1000; i++) {
                s.expectEcho(Opcode.TEXT, Payloads.utf8("message " + i), "message " + i + " of 1000, in order");
            }
        }
    }

    @Check(id = "rfc6455/10.4/2", spec = "RFC 6455 §5.6, §10.4",
            title = "100 binary messages of 64 KiB are all echoed intact, in order")
    void echoesManyLargeMessages(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            for (int i = 0; i < 100; i++) {
                byte[] payload = Payloads.binary(64 * 1024);
                payload[0] = (byte) i;
                s.send(Frame.of(Opcode.BINARY, payload));
                s.expectEcho(Opcode.BINARY, payload, "64 KiB message " + i);
            }
        }
    }

    @Check(id = "rfc6455/10.4/3", spec = "RFC 6455 §5.4, §10.4",
            title = "A 1 MiB text message in 1024 fragments is echoed as one message")
    void echoesAMessageInManyFragments(CheckContext ctx) throws IOException {
        byte[] payload = Payloads.text(1 << 20);
        try (Session s = Session.open(ctx)) {
            Sender.fragmented(s, Opcode.TEXT, Payloads.split(payload, 1024));
            s.expectEcho(Opcode.TEXT, payload, "1 MiB message in 1024 fragments");
        }
    }
}
