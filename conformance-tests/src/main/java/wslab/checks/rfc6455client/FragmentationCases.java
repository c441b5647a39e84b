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

/** RFC 6455 §5.4 from the client's side: fragmented messages, control frames between fragments, broken fragmentation. */
@LessonChecks("02c")
class FragmentationCases {

    record Fragmented(int opcode, byte[][] parts) {
        byte[] whole() {
            return Payloads.concat(parts);
        }
    }

    record Interleaved(Frame[] frames, List<byte[]> pings, byte[] message) {
    }

    static final List<Case<Fragmented>> FRAGMENTED = new ArrayList<>();
    static final List<Case<Interleaved>> INTERLEAVED = new ArrayList<>();
    static final List<Case<Frame[]>> BROKEN = new ArrayList<>();

    static {
        int n = 1;
        FRAGMENTED.add(fragmented(n++, "A text message in 2 fragments", Opcode.TEXT, Payloads.utf8("Hello, "), Payloads.utf8("world")));
        FRAGMENTED.add(fragmented(n++, "A text message in 3 fragments, the middle one empty", Opcode.TEXT,
                Payloads.utf8("Hello"), new byte[0], Payloads.utf8(", world")));
        FRAGMENTED.add(fragmented(n++, "A text message whose first and last fragments are empty", Opcode.TEXT,
                new byte[0], Payloads.utf8("middle"), new byte[0]));
        byte[][] letters = new byte[10][];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = Payloads.utf8(String.valueOf((char) ('a' + i)));
        }
        FRAGMENTED.add(fragmented(n++, "A text message in 10 one-byte fragments", Opcode.TEXT, letters));
        FRAGMENTED.add(fragmented(n++, "A binary message in 2 fragments", Opcode.BINARY, Payloads.binary(100), Payloads.binary(28)));
        byte[][] big = new byte[16][];
        for (int i = 0; i < big.length; i++) {
            big[i] = Payloads.binary(4096);
        }
        FRAGMENTED.add(fragmented(n++, "A binary message of 64 KiB in 16 fragments", Opcode.BINARY, big));

        n = 101;
        Frame[] hello = Frames.fragments(Opcode.TEXT, Payloads.utf8("Hel"), Payloads.utf8("lo"));
        byte[] ping = Payloads.utf8("between");
        INTERLEAVED.add(Case.of("rfc6455-client/5.4/" + n++, "A ping between the fragments of a text message gets its"
                        + " pong, and the message is still echoed whole", "RFC 6455 §5.4, §5.5.2",
                new Interleaved(new Frame[] {hello[0], Frames.of(Opcode.PING, ping), hello[1]}, List.of(ping), Payloads.utf8("Hello"))));
        INTERLEAVED.add(Case.of("rfc6455-client/5.4/" + n++, "A pong between the fragments of a text message is"
                        + " ignored, and the message is still echoed whole", "RFC 6455 §5.4, §5.5.3",
                new Interleaved(new Frame[] {hello[0], Frames.of(Opcode.PONG, ping), hello[1]}, List.of(), Payloads.utf8("Hello"))));
        Frame[] three = Frames.fragments(Opcode.TEXT, Payloads.utf8("one "), Payloads.utf8("two "), Payloads.utf8("three"));
        byte[] first = Payloads.utf8("first");
        byte[] second = Payloads.utf8("second");
        INTERLEAVED.add(Case.of("rfc6455-client/5.4/" + n++, "Two pings between the three fragments of a text message"
                        + " get their pongs in order, and the message is still echoed whole", "RFC 6455 §5.4, §5.5.2",
                new Interleaved(new Frame[] {three[0], Frames.of(Opcode.PING, first), three[1], Frames.of(Opcode.PING, second),
                        three[2]}, List.of(first, second), Payloads.utf8("one two three"))));

        n = 201;
        Frame[] ab = Frames.fragments(Opcode.TEXT, Payloads.utf8("ab"), Payloads.utf8("cd"));
        BROKEN.add(broken(n++, "A continuation frame with FIN and no message to continue",
                new Frame(true, 0, Opcode.CONTINUATION, false, Payloads.utf8("orphan"))));
        BROKEN.add(broken(n++, "Continuation frames, the first without FIN, with no message to continue",
                new Frame(false, 0, Opcode.CONTINUATION, false, Payloads.utf8("orp")),
                new Frame(true, 0, Opcode.CONTINUATION, false, Payloads.utf8("han"))));
        BROKEN.add(broken(n++, "A new text frame in the middle of a fragmented text message",
                ab[0], Frames.text("cd")));
        BROKEN.add(broken(n++, "A binary frame in the middle of a fragmented text message",
                ab[0], Frames.of(Opcode.BINARY, Payloads.utf8("cd"))));
        BROKEN.add(broken(n++, "A text frame without FIN followed by another text frame without FIN",
                ab[0], Frames.text("cd").fin(false), ab[1]));
    }

    private static Case<Fragmented> fragmented(int n, String what, int opcode, byte[]... parts) {
        return Case.of("rfc6455-client/5.4/" + n, what + " is echoed as one message", "RFC 6455 §5.4",
                new Fragmented(opcode, parts));
    }

    private static Case<Frame[]> broken(int n, String what, Frame... frames) {
        return Case.of("rfc6455-client/5.4/" + n, what + " makes the client fail the connection with 1002",
                "RFC 6455 §5.4, §10.7, §7.1.7", frames);
    }

    static List<Case<Fragmented>> fragmented() {
        return FRAGMENTED;
    }

    static List<Case<Interleaved>> interleaved() {
        return INTERLEAVED;
    }

    static List<Case<Frame[]>> broken() {
        return BROKEN;
    }

    @CheckCases("rfc6455-client/5.4/1")
    @MethodSource("fragmented")
    void echoesFragmentedMessages(Case<Fragmented> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(Frames.fragments(c.input().opcode(), c.input().parts()));
            s.expectEcho(c.input().opcode(), c.input().whole(), "message of " + c.input().parts().length + " fragments");
        }
    }

    @CheckCases("rfc6455-client/5.4/101")
    @MethodSource("interleaved")
    void handlesControlFramesBetweenFragments(Case<Interleaved> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(c.input().frames());
            s.expectPongsAndEcho(c.input().pings(), Opcode.TEXT, c.input().message());
        }
    }

    @CheckCases("rfc6455-client/5.4/201")
    @MethodSource("broken")
    void failsOnBrokenFragmentation(Case<Frame[]> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(c.input());
            s.expectFailure("a message is one TEXT or BINARY frame and its CONTINUATION frames (§5.4)", 1002);
        }
    }

    @Check(id = "rfc6455-client/5.4/301", spec = "RFC 6455 §5.4, §5.5.1",
            title = "A close between the fragments of a message (control frames may come there) is answered with a close")
    void answersACloseBetweenFragments(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            Frame[] parts = Frames.fragments(Opcode.TEXT, Payloads.utf8("Hel"), Payloads.utf8("lo"));
            s.sendAll(parts[0], Frames.close(1000, new byte[0]));
            s.expectCloseAnswer(1000);
        }
    }
}
