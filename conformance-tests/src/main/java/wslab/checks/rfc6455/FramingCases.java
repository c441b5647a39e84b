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

/** RFC 6455 §5.1–5.2: the base framing protocol against an echo server. */
@LessonChecks("02")
class FramingCases {

    record Length(int opcode, int length) {
    }

    record Bad(Frame frame, boolean afterValidMessage) {
    }

    static final int[] LENGTHS = {0, 1, 2, 64, 125, 126, 127, 128, 1000, 65534, 65535, 65536, 65537, 262_144,
        1 << 20, 4 << 20, 16 << 20};

    static final List<Case<Length>> PAYLOAD_LENGTHS = new ArrayList<>();
    static final List<Case<Bad>> PROTOCOL_ERRORS = new ArrayList<>();
    static final List<Case<Frame>> UNMASKED = new ArrayList<>();
    static final List<Case<Length>> SLICED = new ArrayList<>();

    static {
        int n = 1;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int len : LENGTHS) {
                String encoding = len < 126 ? "7-bit" : len <= 0xFFFF ? "16-bit" : "64-bit";
                PAYLOAD_LENGTHS.add(Case.of("rfc6455/5.2/" + n++,
                        "A " + Opcode.name(opcode).toLowerCase() + " message of " + Payloads.size(len) + " (" + encoding
                                + " length) is echoed intact", "RFC 6455 §5.2 Payload length, §6.2", new Length(opcode, len)));
            }
        }
        n = 101;
        int[] opcodes = {Opcode.TEXT, Opcode.BINARY, Opcode.PING, Opcode.CLOSE};
        for (int opcode : opcodes) {
            for (int rsv = 1; rsv <= 7; rsv++) {
                byte[] payload = opcode == Opcode.CLOSE ? Payloads.bytes(0x03, 0xE8) : Payloads.text(5);
                PROTOCOL_ERRORS.add(Case.of("rfc6455/5.2/" + n++,
                        "A " + Opcode.name(opcode) + " frame with RSV bits " + String.format("%3s", Integer.toBinaryString(rsv)).replace(' ', '0')
                                + " and no extension fails the connection with 1002", "RFC 6455 §5.2 RSV1-3, §7.1.7",
                        new Bad(Frame.of(opcode, payload).rsv(rsv), false)));
            }
        }
        n = 201;
        for (int opcode : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            for (boolean after : new boolean[] {false, true}) {
                PROTOCOL_ERRORS.add(Case.of("rfc6455/5.2/" + n++,
                        "A frame with reserved opcode 0x" + Integer.toHexString(opcode).toUpperCase()
                                + (after ? ", after a valid message," : "") + " fails the connection with 1002",
                        "RFC 6455 §5.2 Opcode, §7.1.7", new Bad(Frame.of(opcode, Payloads.text(3)), after)));
            }
        }
        n = 1;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY, Opcode.PING, Opcode.CLOSE}) {
            byte[] payload = opcode == Opcode.CLOSE ? Payloads.bytes(0x03, 0xE8) : Payloads.text(5);
            UNMASKED.add(Case.of("rfc6455/5.1/" + n++,
                    "An unmasked " + Opcode.name(opcode) + " frame from the client makes the server close the connection",
                    "RFC 6455 §5.1", Frame.of(opcode, payload).unmasked()));
        }
        n = 401;
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int len : new int[] {125, 1000, 70_000}) {
                SLICED.add(Case.of("rfc6455/5.2/" + n++,
                        "A " + Opcode.name(opcode).toLowerCase() + " message of " + Payloads.size(len)
                                + " sliced at arbitrary byte boundaries in transit is echoed intact",
                        "RFC 6455 §6.2, RFC 9293 §2.2", new Length(opcode, len), "slicer"));
            }
        }
    }

    static List<Case<Length>> payloadLengths() {
        return PAYLOAD_LENGTHS;
    }

    static List<Case<Bad>> protocolErrors() {
        return PROTOCOL_ERRORS;
    }

    static List<Case<Frame>> unmasked() {
        return UNMASKED;
    }

    static List<Case<Length>> sliced() {
        return SLICED;
    }

    @CheckCases("rfc6455/5.2/1")
    @MethodSource("payloadLengths")
    void echoesEveryPayloadLength(Case<Length> c, CheckContext ctx) throws IOException {
        Length l = c.input();
        byte[] payload = Payloads.forMessage(l.opcode(), l.length());
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(l.opcode(), payload));
            s.expectEcho(l.opcode(), payload, Opcode.name(l.opcode()).toLowerCase() + " message of " + Payloads.size(l.length()));
        }
    }

    /** §5.1: the server MUST close the connection; the close frame with 1002 is a MAY. */
    @CheckCases("rfc6455/5.1/1")
    @MethodSource("unmasked")
    void closesOnUnmaskedFrames(Case<Frame> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(c.input());
            s.expectConnectionClosed(c.info().title(), 1002);
        }
    }

    @CheckCases("rfc6455/5.2/101")
    @MethodSource("protocolErrors")
    void failsOnProtocolErrors(Case<Bad> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            if (c.input().afterValidMessage()) {
                s.send(Frame.text("valid"));
                s.expectEcho(Opcode.TEXT, Payloads.utf8("valid"), "valid text message");
            }
            s.send(c.input().frame());
            s.expectFailure(c.info().title(), 1002);
        }
    }

    @Check(id = "rfc6455/5.2/301", spec = "RFC 6455 §5.2 Payload length, §10.7, §7.1.7",
            title = "A 64-bit payload length with the most significant bit set fails the connection")
    void failsOnA64BitLengthWithTheTopBitSet(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            // FIN+TEXT, MASK+127, then 0x80... : a length no server can hold, and one §5.2 forbids.
            s.sendRaw(Payloads.bytes(0x81, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4));
            s.expectFailure("the most significant bit of a 64-bit length must be 0", 1002, 1009);
        }
    }

    @Check(id = "rfc6455/5.2/302", spec = "RFC 6455 §5.2 Payload length, §7.1.7",
            title = "A 5-byte text frame sent with a non-minimal 16-bit length is either echoed or fails the connection; which one is recorded")
    void acceptsOrRefusesANonMinimalLength(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            // §5.2 tells senders to use the minimal encoding, but not what a receiver does with another:
            // reading it as 5 bytes and refusing it are both correct; ignoring it is neither.
            s.sendRaw(Payloads.bytes(0x81, 0xFE, 0x00, 0x05, 0, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'));
            boolean echoed = s.expectEchoOrFailure(Opcode.TEXT, Payloads.utf8("hello"), "5-byte text message", 1002);
            ctx.info(echoed ? "the server read the non-minimal 16-bit length as 5 bytes and echoed the message"
                    : "the server refused the non-minimal 16-bit length and failed the connection");
        }
    }

    @CheckCases("rfc6455/5.2/401")
    @MethodSource("sliced")
    void echoesMessagesSlicedInTransit(Case<Length> c, CheckContext ctx) throws IOException {
        Length l = c.input();
        // Slices of 1 to 13 bytes for a short message, about a hundred slices for a long one.
        int average = Math.max(7, l.length() / 100);
        ctx.faults().toxics().slicer("arbitrary_boundaries", ToxicDirection.UPSTREAM, average, average - 1)
                .setDelay(Session.sliceDelayMicros(ctx));
        byte[] payload = Payloads.forMessage(l.opcode(), l.length());
        try (Session s = Session.openThroughFaults(ctx)) {
            s.send(Frame.of(l.opcode(), payload));
            s.expectEcho(l.opcode(), payload, "sliced " + Opcode.name(l.opcode()).toLowerCase() + " message");
        }
    }
}
