package wslab.checks.rfc6455client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.provider.MethodSource;
import wslab.checks.rfc6455.Payloads;
import wslab.grader.Case;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/** RFC 6455 §5.2 from the client's side: every length encoding read right, reserved bits and opcodes refused. */
@LessonChecks("02c")
class FramingCases {

    /** Each side of each length-encoding boundary (7-bit, 16-bit, 64-bit), and a large message. */
    static final int[] LENGTHS = {0, 1, 125, 126, 127, 65535, 65536, 1 << 20};

    record Message(int opcode, int length) {
    }

    record Reserved(Frame[] frames, String what) {
    }

    static final List<Case<Message>> ECHOES = new ArrayList<>();
    static final List<Case<Reserved>> RESERVED_BITS = new ArrayList<>();
    static final List<Case<Integer>> RESERVED_OPCODES = new ArrayList<>();

    static {
        int n = 1;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int length : LENGTHS) {
                ECHOES.add(Case.of("rfc6455-client/5.2/" + n++, "A " + (opcode == Opcode.TEXT ? "text" : "binary")
                        + " message of " + Payloads.size(length) + " from the server is echoed exactly",
                        "RFC 6455 §5.2 Payload length, §6.2", new Message(opcode, length)));
            }
        }
        n = 101;
        for (int rsv : new int[] {4, 2, 1, 7}) {
            RESERVED_BITS.add(reservedBits(n++, "A text frame with RSV bits " + bits(rsv),
                    new Frame[] {Frames.text("reserved").rsv(rsv)}));
        }
        RESERVED_BITS.add(reservedBits(n++, "A binary frame with RSV1 set", new Frame[] {Frames.of(Opcode.BINARY, Payloads.binary(8)).rsv(4)}));
        RESERVED_BITS.add(reservedBits(n++, "A ping with RSV2 set", new Frame[] {Frames.of(Opcode.PING, Payloads.utf8("ping")).rsv(2)}));
        Frame[] parts = Frames.fragments(Opcode.TEXT, Payloads.utf8("Hel"), Payloads.utf8("lo"));
        RESERVED_BITS.add(reservedBits(n++, "A continuation frame with RSV3 set", new Frame[] {parts[0], parts[1].rsv(1)}));
        n = 201;
        for (int opcode : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            RESERVED_OPCODES.add(Case.of("rfc6455-client/5.2/" + n++, "A frame with the reserved opcode 0x"
                            + Integer.toHexString(opcode).toUpperCase() + " makes the client fail the connection with 1002",
                    "RFC 6455 §5.2 Opcode, §7.1.7", opcode));
        }
    }

    private static Case<Reserved> reservedBits(int n, String what, Frame[] frames) {
        return Case.of("rfc6455-client/5.2/" + n, what + " (no extension was negotiated) makes the client fail the"
                + " connection with 1002", "RFC 6455 §5.2 RSV1-3, §7.1.7", new Reserved(frames, what));
    }

    private static String bits(int rsv) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 3; bit++) {
            if ((rsv & (4 >> bit)) != 0) {
                names.add("RSV" + (bit + 1));
            }
        }
        return String.join(", ", names);
    }

    static List<Case<Message>> echoes() {
        return ECHOES;
    }

    static List<Case<Reserved>> reservedBits() {
        return RESERVED_BITS;
    }

    static List<Case<Integer>> reservedOpcodes() {
        return RESERVED_OPCODES;
    }

    @CheckCases("rfc6455-client/5.2/1")
    @MethodSource("echoes")
    void echoesEveryLength(Case<Message> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            byte[] payload = Payloads.forMessage(c.input().opcode(), c.input().length());
            s.send(Frames.of(c.input().opcode(), payload));
            s.expectEcho(c.input().opcode(), payload, "message");
        }
    }

    @CheckCases("rfc6455-client/5.2/101")
    @MethodSource("reservedBits")
    void failsOnReservedBits(Case<Reserved> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(c.input().frames());
            s.expectFailure("RSV bits need an extension that defines them (§5.2)", 1002);
        }
    }

    @CheckCases("rfc6455-client/5.2/201")
    @MethodSource("reservedOpcodes")
    void failsOnReservedOpcodes(Case<Integer> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(new Frame(true, 0, c.input(), false, Payloads.utf8("reserved")));
            s.expectFailure("an unknown opcode fails the connection (§5.2)", 1002);
        }
    }
}
