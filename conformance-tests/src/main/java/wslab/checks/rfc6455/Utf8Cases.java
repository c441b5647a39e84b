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

/** RFC 6455 §5.6 and §8.1: text messages are UTF-8, and invalid UTF-8 fails the connection with 1007. */
@LessonChecks("02")
class Utf8Cases {

    record Sample(String name, byte[] bytes) {
    }

    static final List<Sample> VALID = List.of(
            new Sample("plain ASCII", Payloads.utf8("Hello, WebSocket")),
            new Sample("Greek 'κόσμε'", Payloads.utf8("κόσμε")),
            new Sample("U+0000 (NUL)", Payloads.bytes(0x00)),
            new Sample("U+007F, the last 1-byte code point", Payloads.bytes(0x7F)),
            new Sample("U+0080, the first 2-byte code point", Payloads.bytes(0xC2, 0x80)),
            new Sample("U+07FF, the last 2-byte code point", Payloads.bytes(0xDF, 0xBF)),
            new Sample("U+0800, the first 3-byte code point", Payloads.bytes(0xE0, 0xA0, 0x80)),
            new Sample("U+D7FF, just below the surrogates", Payloads.bytes(0xED, 0x9F, 0xBF)),
            new Sample("U+E000, just above the surrogates", Payloads.bytes(0xEE, 0x80, 0x80)),
            new Sample("U+FEFF (byte order mark)", Payloads.bytes(0xEF, 0xBB, 0xBF)),
            new Sample("U+FFFD (replacement character)", Payloads.bytes(0xEF, 0xBF, 0xBD)),
            new Sample("U+FFFE (a noncharacter, still valid UTF-8)", Payloads.bytes(0xEF, 0xBF, 0xBE)),
            new Sample("U+FFFF, the last 3-byte code point", Payloads.bytes(0xEF, 0xBF, 0xBF)),
            new Sample("U+10000, the first 4-byte code point", Payloads.bytes(0xF0, 0x90, 0x80, 0x80)),
            new Sample("U+1F600 (an emoji)", Payloads.utf8("\uD83D\uDE00")),
            new Sample("U+10FFFF, the last code point", Payloads.bytes(0xF4, 0x8F, 0xBF, 0xBF)),
            new Sample("Chinese text", Payloads.utf8("网络套接字协议")),
            new Sample("Arabic text", Payloads.utf8("مقبس الويب")),
            new Sample("mixed scripts 'Hello-µ@ßöäüàá-UTF-8!!'", Payloads.utf8("Hello-µ@ßöäüàá-UTF-8!!")),
            new Sample("every 2-, 3- and 4-byte form in one message", Payloads.utf8("aé€\uD800\uDF48z")));

    static final List<Sample> INVALID = List.of(
            new Sample("a lone continuation byte 0x80", Payloads.bytes(0x80)),
            new Sample("a lone continuation byte 0xBF", Payloads.bytes(0xBF)),
            new Sample("two continuation bytes 0x80 0xBF", Payloads.bytes(0x80, 0xBF)),
            new Sample("the byte 0xC0, never valid", Payloads.bytes(0xC0)),
            new Sample("the byte 0xC1, never valid", Payloads.bytes(0xC1)),
            new Sample("the byte 0xF5, never valid", Payloads.bytes(0xF5)),
            new Sample("the byte 0xF8, never valid", Payloads.bytes(0xF8)),
            new Sample("the byte 0xFE, never valid", Payloads.bytes(0xFE)),
            new Sample("the byte 0xFF, never valid", Payloads.bytes(0xFF)),
            new Sample("overlong '/' in 2 bytes C0 AF", Payloads.bytes(0xC0, 0xAF)),
            new Sample("overlong '/' in 3 bytes E0 80 AF", Payloads.bytes(0xE0, 0x80, 0xAF)),
            new Sample("overlong '/' in 4 bytes F0 80 80 AF", Payloads.bytes(0xF0, 0x80, 0x80, 0xAF)),
            new Sample("overlong NUL C0 80", Payloads.bytes(0xC0, 0x80)),
            new Sample("overlong U+007F in 2 bytes C1 BF", Payloads.bytes(0xC1, 0xBF)),
            new Sample("overlong U+07FF in 3 bytes E0 9F BF", Payloads.bytes(0xE0, 0x9F, 0xBF)),
            new Sample("overlong U+FFFF in 4 bytes F0 8F BF BF", Payloads.bytes(0xF0, 0x8F, 0xBF, 0xBF)),
            new Sample("surrogate U+D800", Payloads.bytes(0xED, 0xA0, 0x80)),
            new Sample("surrogate U+DB7F", Payloads.bytes(0xED, 0xAD, 0xBF)),
            new Sample("surrogate U+DBFF", Payloads.bytes(0xED, 0xAF, 0xBF)),
            new Sample("surrogate U+DC00", Payloads.bytes(0xED, 0xB0, 0x80)),
            new Sample("surrogate U+DFFF", Payloads.bytes(0xED, 0xBF, 0xBF)),
            new Sample("a surrogate pair encoded as two 3-byte sequences", Payloads.bytes(0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80)),
            new Sample("U+110000, above the last code point", Payloads.bytes(0xF4, 0x90, 0x80, 0x80)),
            new Sample("U+1FFFFF in 4 bytes F7 BF BF BF", Payloads.bytes(0xF7, 0xBF, 0xBF, 0xBF)),
            new Sample("a 5-byte form F8 88 80 80 80", Payloads.bytes(0xF8, 0x88, 0x80, 0x80, 0x80)),
            new Sample("a 6-byte form FC 84 80 80 80 80", Payloads.bytes(0xFC, 0x84, 0x80, 0x80, 0x80, 0x80)),
            new Sample("a 2-byte lead followed by ASCII", Payloads.bytes(0xC2, 0x41)),
            new Sample("a 3-byte sequence missing its last byte, then ASCII", Payloads.bytes(0xE2, 0x82, 0x41)),
            new Sample("a message ending in the middle of a 2-byte sequence", Payloads.bytes(0x41, 0xC2)),
            new Sample("a message ending in the middle of a 3-byte sequence", Payloads.bytes(0x41, 0xE2, 0x82)),
            new Sample("a message ending in the middle of a 4-byte sequence", Payloads.bytes(0x41, 0xF0, 0x90, 0x80)),
            new Sample("'κόσμε' followed by a surrogate and more text",
                    Payloads.concat(Payloads.utf8("κόσμε"), Payloads.bytes(0xED, 0xA0, 0x80), Payloads.utf8("edited"))));

    /** How long "at once" is: generous for a loaded machine, short beside the grade's timeout. */
    static final int FAIL_FAST_MILLIS = 1000;

    /** The invalid samples that no later byte can repair: a server could tell at once ("fail fast", Autobahn's term). */
    static boolean decidableAtOnce(Sample s) {
        return !s.name().startsWith("a message ending");
    }

    static final List<Case<Sample>> VALID_WHOLE = new ArrayList<>();
    static final List<Case<Sample>> VALID_BYTEWISE = new ArrayList<>();
    static final List<Case<Sample>> INVALID_WHOLE = new ArrayList<>();
    static final List<Case<Sample>> INVALID_AFTER_VALID_FRAGMENT = new ArrayList<>();
    static final List<Case<Sample>> INVALID_FAIL_FAST = new ArrayList<>();

    static {
        int n = 1;
        for (Sample s : VALID) {
            VALID_WHOLE.add(Case.of("rfc6455/8.1/" + n++, "A text message of valid UTF-8 (" + s.name() + ") is echoed",
                    "RFC 6455 §5.6, §8.1", s));
        }
        n = 101;
        for (Sample s : VALID) {
            VALID_BYTEWISE.add(Case.of("rfc6455/8.1/" + n++, "Valid UTF-8 (" + s.name()
                    + ") split into one-byte fragments, cutting its sequences, is echoed", "RFC 6455 §5.4, §8.1", s));
        }
        n = 201;
        for (Sample s : INVALID) {
            INVALID_WHOLE.add(Case.of("rfc6455/8.1/" + n++, "A text message with invalid UTF-8 (" + s.name()
                    + ") fails the connection with 1007", "RFC 6455 §8.1, §7.1.7", s));
        }
        n = 301;
        for (Sample s : INVALID) {
            INVALID_AFTER_VALID_FRAGMENT.add(Case.of("rfc6455/8.1/" + n++, "Invalid UTF-8 (" + s.name()
                    + ") in the second fragment of a text message fails the connection with 1007", "RFC 6455 §8.1, §7.1.7", s));
        }
        n = 401;
        for (Sample s : INVALID) {
            if (decidableAtOnce(s)) {
                INVALID_FAIL_FAST.add(Case.of("rfc6455/8.1/" + n++, "Invalid UTF-8 (" + s.name()
                        + ") in the first fragment fails the connection by the end of the message; failing at once is recorded",
                        "RFC 6455 §8.1, §5.6, §7.1.7", s));
            }
        }
    }

    static List<Case<Sample>> validWhole() {
        return VALID_WHOLE;
    }

    static List<Case<Sample>> validBytewise() {
        return VALID_BYTEWISE;
    }

    static List<Case<Sample>> invalidWhole() {
        return INVALID_WHOLE;
    }

    static List<Case<Sample>> invalidAfterValidFragment() {
        return INVALID_AFTER_VALID_FRAGMENT;
    }

    static List<Case<Sample>> invalidFailFast() {
        return INVALID_FAIL_FAST;
    }

    @CheckCases("rfc6455/8.1/1")
    @MethodSource("validWhole")
    void echoesValidUtf8(Case<Sample> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.TEXT, c.input().bytes()));
            s.expectEcho(Opcode.TEXT, c.input().bytes(), "text message (" + c.input().name() + ")");
        }
    }

    @CheckCases("rfc6455/8.1/101")
    @MethodSource("validBytewise")
    void echoesValidUtf8SplitBytewise(Case<Sample> c, CheckContext ctx) throws IOException {
        byte[] b = c.input().bytes();
        try (Session s = Session.open(ctx)) {
            Sender.fragmented(s, Opcode.TEXT, Payloads.split(b, Math.max(1, b.length)));
            s.expectEcho(Opcode.TEXT, b, "text message in one-byte fragments (" + c.input().name() + ")");
        }
    }

    @CheckCases("rfc6455/8.1/201")
    @MethodSource("invalidWhole")
    void failsOnInvalidUtf8(Case<Sample> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.TEXT, c.input().bytes()));
            s.expectFailure(c.info().title(), 1007);
        }
    }

    @CheckCases("rfc6455/8.1/301")
    @MethodSource("invalidAfterValidFragment")
    void failsOnInvalidUtf8InALaterFragment(Case<Sample> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.TEXT, Payloads.utf8("valid start ")).fin(false));
            s.send(Frame.of(Opcode.CONTINUATION, c.input().bytes()));
            s.expectFailure(c.info().title(), 1007);
        }
    }

    @CheckCases("rfc6455/8.1/401")
    @MethodSource("invalidFailFast")
    void failsFastOnInvalidUtf8(Case<Sample> c, CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            s.send(Frame.of(Opcode.TEXT, Payloads.concat(Payloads.utf8("start "), c.input().bytes())).fin(false));
            if (s.failsWithin(FAIL_FAST_MILLIS, c.info().title(), 1007)) {
                return;
            }
            // Autobahn grades waiting NON-STRICT, but RFC 6455 has no keyword for failing fast: §8.1
            // requires failing once the server finds the bytes invalid, and §5.6 judges whole messages.
            ctx.info("no close within " + FAIL_FAST_MILLIS + " ms: the server waited for the end of the message"
                    + " (RFC 6455 asks for no fail-fast)");
            s.send(Frame.of(Opcode.CONTINUATION, Payloads.utf8(" end")));
            s.expectFailure("the complete message is not UTF-8", 1007);
        }
    }

    @Check(id = "rfc6455/8.1/501", spec = "RFC 6455 §8.1, RFC 9293 §2.2", faults = "slicer",
            title = "Multi-byte UTF-8 sliced one byte per TCP segment in transit is still echoed intact")
    void echoesUtf8SlicedInTransit(CheckContext ctx) throws IOException {
        ctx.faults().toxics().slicer("one_byte", ToxicDirection.UPSTREAM, 1, 0).setDelay(200);
        byte[] b = Payloads.utf8("κόσμε 网络 \uD83D\uDE00 مقبس");
        try (Session s = Session.openThroughFaults(ctx)) {
            s.send(Frame.of(Opcode.TEXT, b));
            s.expectEcho(Opcode.TEXT, b, "multi-byte text sliced in transit");
        }
    }
}
