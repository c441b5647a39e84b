package wslab.checks.rfc6455client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.provider.MethodSource;
import wslab.checks.rfc6455.Payloads;
import wslab.grader.Case;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Opcode;

/** RFC 6455 §8.1 from the client's side: text messages are UTF-8, checked whole and across fragments. */
@LessonChecks("02c")
class Utf8Cases {

    record Text(byte[][] parts, String what) {
        byte[] whole() {
            return Payloads.concat(parts);
        }
    }

    static final List<Case<Text>> VALID = new ArrayList<>();
    static final List<Case<Text>> VALID_SPLIT = new ArrayList<>();
    static final List<Case<Text>> INVALID = new ArrayList<>();
    static final List<Case<Text>> INVALID_FRAGMENTED = new ArrayList<>();

    static {
        int n = 1;
        VALID.add(valid(n++, "Greek (2-byte sequences)", Payloads.utf8("κόσμε")));
        VALID.add(valid(n++, "the euro sign and a check mark (3-byte sequences)", Payloads.utf8("€ ✓")));
        VALID.add(valid(n++, "a musical symbol and an emoji (4-byte sequences)", Payloads.utf8("𝄞 🎉")));
        VALID.add(valid(n++, "the first and last code point of every sequence length, and the noncharacters U+FFFE and"
                + " U+FFFF", Payloads.utf8("\u0000\u007F\u0080\u07FF\u0800\uFFFE\uFFFF" + new String(Character.toChars(0x10000))
                + new String(Character.toChars(0x10FFFF)))));
        n = 101;
        VALID_SPLIT.add(validSplit(n++, "The euro sign split after its second byte", Payloads.bytes(0x41, 0xE2, 0x82),
                Payloads.bytes(0xAC, 0x42)));
        VALID_SPLIT.add(validSplit(n++, "A 4-byte musical symbol split in the middle", Payloads.bytes(0xF0, 0x9D),
                Payloads.bytes(0x84, 0x9E)));
        byte[] greek = Payloads.utf8("κόσμε");
        byte[][] oneByte = new byte[greek.length][];
        for (int i = 0; i < greek.length; i++) {
            oneByte[i] = new byte[] {greek[i]};
        }
        VALID_SPLIT.add(validSplit(n++, "Greek text in one-byte fragments", oneByte));
        n = 201;
        INVALID.add(invalid(n++, "a lone continuation byte 80", Payloads.bytes(0x61, 0x80, 0x62)));
        INVALID.add(invalid(n++, "the overlong form C0 AF of '/'", Payloads.bytes(0x61, 0xC0, 0xAF)));
        INVALID.add(invalid(n++, "the UTF-16 surrogate ED A0 80", Payloads.bytes(0x61, 0xED, 0xA0, 0x80)));
        INVALID.add(invalid(n++, "F4 90 80 80, above U+10FFFF", Payloads.bytes(0x61, 0xF4, 0x90, 0x80, 0x80)));
        INVALID.add(invalid(n++, "the byte FE, which UTF-8 never uses", Payloads.bytes(0x61, 0xFE)));
        INVALID.add(invalid(n++, "the byte F5, which no valid sequence starts with", Payloads.bytes(0x61, 0xF5, 0x80, 0x80, 0x80)));
        INVALID.add(invalid(n++, "a 3-byte sequence cut short at the end of the message", Payloads.bytes(0x61, 0xE2, 0x82)));
        INVALID.add(invalid(n++, "a 2-byte lead byte followed by ASCII", Payloads.bytes(0xC3, 0x28)));
        n = 301;
        INVALID_FRAGMENTED.add(invalidFragmented(n++, "a lone continuation byte in its second fragment",
                Payloads.utf8("hello "), Payloads.bytes(0x80)));
        INVALID_FRAGMENTED.add(invalidFragmented(n++, "a surrogate in its second fragment",
                Payloads.utf8("hello "), Payloads.bytes(0xED, 0xA0, 0x80)));
        INVALID_FRAGMENTED.add(invalidFragmented(n++, "a sequence that its first fragment starts and its last leaves unfinished",
                Payloads.bytes(0x61, 0xE2, 0x82), new byte[0]));
        INVALID_FRAGMENTED.add(invalidFragmented(n++, "a sequence that its first fragment starts and its second breaks",
                Payloads.bytes(0x61, 0xE2), Payloads.bytes(0x28, 0x62)));
    }

    private static Case<Text> valid(int n, String what, byte[] text) {
        return Case.of("rfc6455-client/8.1/" + n, "A text message of " + what + " is echoed exactly, not failed",
                "RFC 6455 §5.6, §8.1", new Text(new byte[][] {text}, what));
    }

    private static Case<Text> validSplit(int n, String what, byte[]... parts) {
        return Case.of("rfc6455-client/8.1/" + n, what + " across fragments is valid UTF-8 and echoed whole",
                "RFC 6455 §5.4, §8.1", new Text(parts, what));
    }

    private static Case<Text> invalid(int n, String what, byte[] text) {
        return Case.of("rfc6455-client/8.1/" + n, "A text message with " + what + " (" + Payloads.hex(text)
                + ") makes the client fail the connection with 1007", "RFC 6455 §8.1, §7.1.7", new Text(new byte[][] {text}, what));
    }

    private static Case<Text> invalidFragmented(int n, String what, byte[]... parts) {
        return Case.of("rfc6455-client/8.1/" + n, "A fragmented text message with " + what
                + " makes the client fail the connection with 1007", "RFC 6455 §8.1, §7.1.7", new Text(parts, what));
    }

    static List<Case<Text>> valid() {
        return VALID;
    }

    static List<Case<Text>> validSplit() {
        return VALID_SPLIT;
    }

    static List<Case<Text>> invalid() {
        return INVALID;
    }

    static List<Case<Text>> invalidFragmented() {
        return INVALID_FRAGMENTED;
    }

    @CheckCases("rfc6455-client/8.1/1")
    @MethodSource("valid")
    void echoesValidText(Case<Text> c, CheckContext ctx) throws Exception {
        echo(c, ctx);
    }

    @CheckCases("rfc6455-client/8.1/101")
    @MethodSource("validSplit")
    void echoesValidTextAcrossFragments(Case<Text> c, CheckContext ctx) throws Exception {
        echo(c, ctx);
    }

    private static void echo(Case<Text> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(Frames.fragments(Opcode.TEXT, c.input().parts()));
            s.expectEcho(Opcode.TEXT, c.input().whole(), "text message of " + c.input().what());
        }
    }

    @CheckCases("rfc6455-client/8.1/201")
    @MethodSource("invalid")
    void failsOnInvalidText(Case<Text> c, CheckContext ctx) throws Exception {
        fail(c, ctx);
    }

    @CheckCases("rfc6455-client/8.1/301")
    @MethodSource("invalidFragmented")
    void failsOnInvalidTextInALaterFragment(Case<Text> c, CheckContext ctx) throws Exception {
        fail(c, ctx);
    }

    private static void fail(Case<Text> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(Frames.fragments(Opcode.TEXT, c.input().parts()));
            s.expectFailure("a text message must be UTF-8 (§8.1)", 1007);
        }
    }
}
