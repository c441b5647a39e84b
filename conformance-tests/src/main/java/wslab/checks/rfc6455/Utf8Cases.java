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

    /**
     * The rest of Markus Kuhn's UTF-8 decoder test as Autobahn 6.5 to 6.23 send it, whole, where
     * the samples above do not already have the input: valid text around 1- to 4-byte characters,
     * the noncharacters U+nFFFE and U+nFFFF of planes 1 to 16, the specials U+FFF9 to U+FFFC.
     */
    static final List<Sample> VALID_MORE = validMore();

    private static List<Sample> validMore() {
        List<Sample> more = new ArrayList<>();
        more.add(new Sample("'hello$world', U+0024 in ASCII", Payloads.utf8("hello$world")));
        more.add(new Sample("'hello¢world', U+00A2 in 2 bytes", Payloads.utf8("hello\u00A2world")));
        more.add(new Sample("'hello€world', U+20AC in 3 bytes", Payloads.utf8("hello\u20ACworld")));
        more.add(new Sample("'hello𤭢world', U+24B62 in 4 bytes", Payloads.utf8("hello\uD852\uDF62world")));
        for (int plane = 1; plane <= 16; plane++) {
            for (int last : new int[] {0xFFFE, 0xFFFF}) {
                int cp = plane << 16 | last;
                more.add(new Sample(String.format("U+%X, a noncharacter in 4 bytes, still valid UTF-8", cp),
                        Payloads.utf8(new String(Character.toChars(cp)))));
            }
        }
        for (int cp = 0xFFF9; cp <= 0xFFFC; cp++) {
            more.add(new Sample(String.format("U+%X, one of the specials", cp), Payloads.utf8(String.valueOf((char) cp))));
        }
        return List.copyOf(more);
    }

    /** Invalid inputs of Autobahn 6.10 to 6.21 that the samples above do not already have. */
    static final List<Sample> INVALID_MORE = invalidMore();

    private static List<Sample> invalidMore() {
        List<Sample> more = new ArrayList<>();
        more.add(new Sample("a 5-byte form FB BF BF BF BF", Payloads.bytes(0xFB, 0xBF, 0xBF, 0xBF, 0xBF)));
        more.add(new Sample("a 6-byte form FD BF BF BF BF BF", Payloads.bytes(0xFD, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF)));
        for (int n = 3; n <= 6; n++) {
            int[] run = new int[n];
            for (int i = 0; i < n; i++) {
                run[i] = i % 2 == 0 ? 0x80 : 0xBF;
            }
            more.add(new Sample(n + " continuation bytes alternating 80 BF", Payloads.bytes(run)));
        }
        int[] every = new int[0xBF - 0x80];
        for (int i = 0; i < every.length; i++) {
            every[i] = 0x80 + i;
        }
        more.add(new Sample("every continuation byte from 80 to BE", Payloads.bytes(every)));
        int[][] leads = {{0xC0, 0xDF}, {0xE0, 0xEF}, {0xF0, 0xF7}, {0xF8, 0xFB}, {0xFC, 0xFD}};
        for (int[] range : leads) {
            int[] lonely = new int[2 * (range[1] - range[0])];
            for (int i = 0; i < range[1] - range[0]; i++) {
                lonely[2 * i] = range[0] + i;
                lonely[2 * i + 1] = ' ';
            }
            String name = range[1] - range[0] == 1 ? String.format("the lead byte %02X followed by a space", range[0])
                    : String.format("each lead byte from %02X to %02X followed by a space", range[0], range[1] - 1);
            more.add(new Sample(name, Payloads.bytes(lonely)));
        }
        int[][] cut = {{0xE0, 0x80}, {0xF0, 0x80, 0x80}, {0xF8, 0x80, 0x80, 0x80}, {0xFC, 0x80, 0x80, 0x80, 0x80}, {0xDF},
            {0xEF, 0xBF}, {0xF7, 0xBF, 0xBF}, {0xFB, 0xBF, 0xBF, 0xBF}, {0xFD, 0xBF, 0xBF, 0xBF, 0xBF}};
        List<byte[]> all = new ArrayList<>();
        all.add(Payloads.bytes(0xC0));
        for (int[] c : cut) {
            byte[] b = Payloads.bytes(c);
            all.add(b);
            more.add(new Sample("the sequence " + Payloads.hex(b) + " without its last continuation byte", b));
        }
        more.add(new Sample("ten such cut sequences in a row", Payloads.concat(all.toArray(byte[][]::new))));
        more.add(new Sample("the bytes FE FE FF FF", Payloads.bytes(0xFE, 0xFE, 0xFF, 0xFF)));
        more.add(new Sample("overlong '/' in 5 bytes F8 80 80 80 AF", Payloads.bytes(0xF8, 0x80, 0x80, 0x80, 0xAF)));
        more.add(new Sample("overlong '/' in 6 bytes FC 80 80 80 80 AF", Payloads.bytes(0xFC, 0x80, 0x80, 0x80, 0x80, 0xAF)));
        more.add(new Sample("overlong U+1FFFFF in 5 bytes F8 87 BF BF BF", Payloads.bytes(0xF8, 0x87, 0xBF, 0xBF, 0xBF)));
        more.add(new Sample("overlong U+3FFFFFF in 6 bytes FC 83 BF BF BF BF", Payloads.bytes(0xFC, 0x83, 0xBF, 0xBF, 0xBF, 0xBF)));
        more.add(new Sample("overlong NUL in 3 bytes E0 80 80", Payloads.bytes(0xE0, 0x80, 0x80)));
        more.add(new Sample("overlong NUL in 4 bytes F0 80 80 80", Payloads.bytes(0xF0, 0x80, 0x80, 0x80)));
        more.add(new Sample("overlong NUL in 5 bytes F8 80 80 80 80", Payloads.bytes(0xF8, 0x80, 0x80, 0x80, 0x80)));
        more.add(new Sample("overlong NUL in 6 bytes FC 80 80 80 80 80", Payloads.bytes(0xFC, 0x80, 0x80, 0x80, 0x80, 0x80)));
        more.add(new Sample("surrogate U+DB80", Payloads.bytes(0xED, 0xAE, 0x80)));
        more.add(new Sample("surrogate U+DF80", Payloads.bytes(0xED, 0xBE, 0x80)));
        int[][] pairs = {{0xD800, 0xDFFF}, {0xDB7F, 0xDC00}, {0xDB7F, 0xDFFF}, {0xDB80, 0xDC00}, {0xDB80, 0xDFFF},
            {0xDBFF, 0xDC00}, {0xDBFF, 0xDFFF}};
        for (int[] pair : pairs) {
            more.add(new Sample(String.format("the surrogate pair U+%X U+%X, each in 3 bytes", pair[0], pair[1]),
                    Payloads.concat(surrogate(pair[0]), surrogate(pair[1]))));
        }
        return List.copyOf(more);
    }

    /** A surrogate code point in the three bytes UTF-8's pattern would give it (which UTF-8 forbids). */
    private static byte[] surrogate(int cp) {
        return Payloads.bytes(0xE0 | cp >> 12, 0x80 | (cp >> 6 & 0x3F), 0x80 | (cp & 0x3F));
    }

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
    static final List<Case<Sample>> INVALID_BYTEWISE = new ArrayList<>();
    /** The invalid samples also sent one byte per fragment, as Autobahn 6.3.2 sends the first of them. */
    private static final List<String> BYTEWISE_INVALID = List.of("'κόσμε' followed by a surrogate and more text",
            "U+110000, above the last code point", "overlong '/' in 3 bytes E0 80 AF", "a lone continuation byte 0x80");
    /** Autobahn 6.4.1 to 6.4.4: where the bytes stop before the rest, and whether that is a frame's end. */
    static final List<Case<FailFast>> FAIL_FAST_PARTS = new ArrayList<>();

    /** A text message sent in three parts; {@code oneFrame}: the parts are chops of one frame, not fragments. */
    record FailFast(byte[][] parts, boolean oneFrame) {
    }

    /** The payload of Autobahn 6.4.x: 'κόσμε', then F4 90 80 80 (above U+10FFFF), then 'edited'. */
    static final byte[] KOSME = Payloads.utf8("κόσμε");
    static final byte[] ABOVE_U10FFFF = Payloads.bytes(0xF4, 0x90, 0x80, 0x80);
    static final byte[] EDITED = Payloads.utf8("edited");

    static {
        int n = 1;
        for (Sample s : VALID) {
            VALID_WHOLE.add(Case.of("rfc6455/8.1/" + n++, "A text message of valid UTF-8 (" + s.name() + ") is echoed",
                    "RFC 6455 §5.6, §8.1", s));
        }
        for (Sample s : VALID_MORE) {
            VALID_WHOLE.add(Case.of("rfc6455/8.1/" + n++, "A text message of valid UTF-8 (" + s.name() + ") is echoed",
                    "RFC 6455 §5.6, §8.1", s));
        }
        n = 101;
        for (Sample s : VALID) {
            VALID_BYTEWISE.add(Case.of("rfc6455/8.1/" + n++, "Valid UTF-8 (" + s.name()
                    + ") split into one-byte fragments, cutting its sequences, is echoed", "RFC 6455 §5.4, §8.1", s));
        }
        n = 201;
        for (Sample s : concat(INVALID, INVALID_MORE)) {
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
        byte[] invalid = Payloads.concat(KOSME, ABOVE_U10FFFF, EDITED);
        int cut = KOSME.length + 1;
        FAIL_FAST_PARTS.add(Case.of("rfc6455/8.1/451", "A text message in three fragments whose second holds F4 90 80 80 (above U+10FFFF)"
                + " fails the connection by its end; failing at once is recorded", "RFC 6455 §8.1, §5.6, §7.1.7",
                new FailFast(new byte[][] {KOSME, ABOVE_U10FFFF, EDITED}, false)));
        FAIL_FAST_PARTS.add(Case.of("rfc6455/8.1/452", "A text message in three fragments, the second ending right after the byte that"
                + " makes it invalid, fails the connection by its end; failing at once is recorded", "RFC 6455 §8.1, §5.6, §7.1.7",
                new FailFast(new byte[][] {java.util.Arrays.copyOf(invalid, cut), new byte[] {invalid[cut]},
                    java.util.Arrays.copyOfRange(invalid, cut + 1, invalid.length)}, false)));
        FAIL_FAST_PARTS.add(Case.of("rfc6455/8.1/453", "A one-frame text message sent in three chops, the second holding F4 90 80 80,"
                + " fails the connection by its end; failing inside the frame is recorded", "RFC 6455 §8.1, §5.6, §7.1.7",
                new FailFast(new byte[][] {KOSME, ABOVE_U10FFFF, EDITED}, true)));
        FAIL_FAST_PARTS.add(Case.of("rfc6455/8.1/454", "A one-frame text message sent in three chops, the second only the byte that"
                + " makes it invalid, fails the connection by its end; failing inside the frame is recorded", "RFC 6455 §8.1, §5.6, §7.1.7",
                new FailFast(new byte[][] {java.util.Arrays.copyOf(invalid, cut), new byte[] {invalid[cut]},
                    java.util.Arrays.copyOfRange(invalid, cut + 1, invalid.length)}, true)));
        n = 601;
        for (Sample s : INVALID) {
            if (BYTEWISE_INVALID.contains(s.name())) {
                INVALID_BYTEWISE.add(Case.of("rfc6455/8.1/" + n++, "Invalid UTF-8 (" + s.name()
                        + ") in one-byte fragments fails the connection with 1007", "RFC 6455 §5.4, §8.1, §7.1.7", s));
            }
        }
    }

    private static List<Sample> concat(List<Sample> a, List<Sample> b) {
        List<Sample> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
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

    static List<Case<Sample>> invalidBytewise() {
        return INVALID_BYTEWISE;
    }

    static List<Case<FailFast>> failFastParts() {
        return FAIL_FAST_PARTS;
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
            if (s.failsBeforeItAnswers(PING_AFTER_THE_BYTES, FAIL_FAST_MILLIS, c.info().title(), 1007)) {
                return;
            }
            notedLate(ctx);
            s.send(Frame.of(Opcode.CONTINUATION, Payloads.utf8(" end")));
            s.expectFailure("the complete message is not UTF-8", 1007);
        }
    }

    static final byte[] PING_AFTER_THE_BYTES = Payloads.utf8("after the invalid bytes");

    /**
     * Autobahn grades waiting NON-STRICT, but RFC 6455 has no keyword for failing fast: §8.1
     * requires failing once the server finds the bytes invalid, and §5.6 judges whole messages.
     */
    private static void notedLate(CheckContext ctx) {
        ctx.info("the server read on past the invalid bytes: the server waited for the end of the message"
                + " (RFC 6455 asks for no fail-fast)");
    }

    @CheckCases("rfc6455/8.1/451")
    @MethodSource("failFastParts")
    void failsOnInvalidUtf8PartwayThrough(Case<FailFast> c, CheckContext ctx) throws IOException {
        byte[][] parts = c.input().parts();
        try (Session s = Session.open(ctx)) {
            boolean failedEarly;
            byte[] wire = null;
            int sent = 0;
            if (c.input().oneFrame()) {
                // The frame's head announces all three parts; the suite stops after the second, inside the frame,
                // where no ping can follow: only a timer can tell whether the server fails there.
                wire = s.connection().encode(Frame.of(Opcode.TEXT, Payloads.concat(parts)));
                sent = wire.length - parts[2].length;
                s.connection().sendEncoded(wire, 0, sent, "the first " + Payloads.size(sent) + " of a TEXT frame of "
                        + Payloads.size(wire.length) + " (head and payload " + Payloads.hex(Payloads.concat(parts[0], parts[1])) + ")");
                failedEarly = s.failsWithin(FAIL_FAST_MILLIS, c.info().title(), 1007);
            } else {
                s.sendTogether(Frame.of(Opcode.TEXT, parts[0]).fin(false), Frame.of(Opcode.CONTINUATION, parts[1]).fin(false));
                failedEarly = s.failsBeforeItAnswers(PING_AFTER_THE_BYTES, FAIL_FAST_MILLIS, c.info().title(), 1007);
            }
            if (failedEarly) {
                return;
            }
            notedLate(ctx);
            if (c.input().oneFrame()) {
                s.connection().sendEncoded(wire, sent, wire.length - sent, "the rest of the frame: " + Payloads.hex(parts[2]));
            } else {
                s.send(Frame.of(Opcode.CONTINUATION, parts[2]));
            }
            s.expectFailure("the complete message is not UTF-8", 1007);
        }
    }

    @CheckCases("rfc6455/8.1/601")
    @MethodSource("invalidBytewise")
    void failsOnInvalidUtf8InOneByteFragments(Case<Sample> c, CheckContext ctx) throws IOException {
        byte[] b = Payloads.concat(KOSME, c.input().bytes());
        try (Session s = Session.open(ctx)) {
            Frame[] frames = new Frame[b.length];
            for (int i = 0; i < b.length; i++) {
                frames[i] = Frame.of(i == 0 ? Opcode.TEXT : Opcode.CONTINUATION, new byte[] {b[i]}).fin(i == b.length - 1);
            }
            // One write: a server failing at the bad byte may reset the connection before later writes.
            s.sendTogether(frames);
            s.expectFailure(c.info().title(), 1007);
        }
    }

    @Check(id = "rfc6455/8.1/121", spec = "RFC 6455 §5.4, §8.1",
            title = "Valid UTF-8 split in two fragments at a code point boundary ('Hello-µ@ßöä' and 'üàá-UTF-8!!') is echoed")
    void echoesValidUtf8SplitAtACodePoint(CheckContext ctx) throws IOException {
        byte[] first = Payloads.utf8("Hello-µ@ßöä");
        byte[] second = Payloads.utf8("üàá-UTF-8!!");
        try (Session s = Session.open(ctx)) {
            Sender.fragmented(s, Opcode.TEXT, new byte[][] {first, second});
            s.expectEcho(Opcode.TEXT, Payloads.concat(first, second), "text message in two fragments");
        }
    }

    @Check(id = "rfc6455/8.1/501", spec = "RFC 6455 §8.1, RFC 9293 §2.2", faults = "slicer",
            title = "Multi-byte UTF-8 that the proxy writes one byte at a time is still echoed intact")
    void echoesUtf8SlicedInTransit(CheckContext ctx) throws IOException {
        ctx.faults().toxics().slicer("one_byte", ToxicDirection.UPSTREAM, 1, 0).setDelay(200);
        byte[] b = Payloads.utf8("κόσμε 网络 \uD83D\uDE00 مقبس");
        try (Session s = Session.openThroughFaults(ctx)) {
            s.send(Frame.of(Opcode.TEXT, b));
            s.expectEcho(Opcode.TEXT, b, "multi-byte text sliced in transit");
        }
    }
}
