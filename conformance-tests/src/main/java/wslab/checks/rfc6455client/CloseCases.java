package wslab.checks.rfc6455client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.provider.MethodSource;
import wslab.checks.rfc6455.Payloads;
import wslab.grader.Case;
import wslab.grader.Check;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Opcode;

/**
 * RFC 6455 §5.5.1, §7.1 and §7.4 from the client's side: the closing handshake the server starts,
 * close codes and payloads, who closes TCP, and what the client tells its application.
 */
@LessonChecks("02c")
class CloseCases {

    /**
     * Codes a server may send. 1010 is the server suite's but not here: §7.4.1 says a server does
     * not use it (it fails the handshake instead), so a client may take it either way.
     */
    static final int[] VALID_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 3000, 3999, 4000, 4999};
    static final int[] INVALID_CODES = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999, 5000, 65535};

    /** How long the server waits after the closing handshake before it closes TCP, in 7.1.1/1. */
    static final long SERVER_CLOSE_DELAY_MS = 500;
    /** How long the server waits for the client to close TCP itself, in 7.1.1/2: a "reasonable time" (§5.5.1). */
    static final long CLIENT_CLOSE_BOUND_MS = 10_000;
    /** How long after the closing handshake the suite listens for a data frame the client must not send, in 5.5.1/6. */
    static final long QUIET_AFTER_CLOSE_MS = 300;

    static final List<Case<Integer>> VALID = new ArrayList<>();
    static final List<Case<Integer>> INVALID = new ArrayList<>();

    static {
        int n = 1;
        for (int code : VALID_CODES) {
            VALID.add(Case.of("rfc6455-client/7.4/" + n++, "A close from the server with code " + code
                    + " is answered with a close", "RFC 6455 §5.5.1, §7.4.1", code));
        }
        n = 101;
        for (int code : INVALID_CODES) {
            INVALID.add(Case.of("rfc6455-client/7.4/" + n++, "A close from the server with code " + code
                    + ", which no endpoint may send, makes the client fail the connection with 1002",
                    "RFC 6455 §7.4.1, §7.4.2, §10.7, §7.1.7", code));
        }
    }

    static List<Case<Integer>> valid() {
        return VALID;
    }

    static List<Case<Integer>> invalid() {
        return INVALID;
    }

    @CheckCases("rfc6455-client/7.4/1")
    @MethodSource("valid")
    void answersValidCloseCodes(Case<Integer> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.close(c.input(), new byte[0]));
            s.expectCloseAnswer(c.input());
        }
    }

    @CheckCases("rfc6455-client/7.4/101")
    @MethodSource("invalid")
    void failsOnInvalidCloseCodes(Case<Integer> c, CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.close(c.input(), new byte[0]));
            s.expectFailure(c.info().title(), 1002);
        }
    }

    @Check(id = "rfc6455-client/5.5.1/1", spec = "RFC 6455 §5.5.1",
            title = "A close from the server with no payload is answered with a close")
    void answersAnEmptyClose(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.of(Opcode.CLOSE, new byte[0]));
            s.expectCloseAnswer(0);
        }
    }

    @Check(id = "rfc6455-client/5.5.1/2", spec = "RFC 6455 §5.5.1",
            title = "A close from the server with code 1000 and a reason is answered with a close")
    void answersACloseWithAReason(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.close(1000, Payloads.utf8("bye for now")));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455-client/5.5.1/3", spec = "RFC 6455 §5.5, §5.5.1",
            title = "A close from the server with a 123-byte reason, the most a control frame can carry, is answered with a close")
    void answersACloseWithTheLongestReason(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.close(1000, Payloads.text(123)));
            s.expectCloseAnswer(1000);
        }
    }

    @Check(id = "rfc6455-client/5.5.1/4", spec = "RFC 6455 §5.5.1, §10.7, §7.1.7",
            title = "A close from the server whose payload is a single byte makes the client fail the connection with 1002")
    void failsOnAOneByteClosePayload(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.of(Opcode.CLOSE, Payloads.bytes(0x03)));
            s.expectFailure("a close payload is empty or starts with a 2-byte code", 1002);
        }
    }

    @Check(id = "rfc6455-client/5.5.1/5", spec = "RFC 6455 §5.5.1, §8.1, §7.1.7",
            title = "A close from the server whose reason is not UTF-8 makes the client fail the connection with 1007")
    void failsOnANonUtf8CloseReason(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.close(1000, Payloads.bytes(0x41, 0xED, 0xA0, 0x80)));
            s.expectFailure("the close reason must be UTF-8", 1007);
        }
    }

    @Check(id = "rfc6455-client/5.5.1/6", spec = "RFC 6455 §5.5.1",
            title = "A text message the server sends after its close is not echoed: no data frame follows the client's close")
    void ignoresDataAfterClose(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.sendAll(Frames.close(1000, new byte[0]), Frames.text("too late"));
            s.expectCloseAnswer(1000);
            s.expectNoDataFor(QUIET_AFTER_CLOSE_MS);
        }
    }

    @Check(id = "rfc6455-client/7.1.1/1", spec = "RFC 6455 §7.1.1, §5.5.1",
            title = "After the closing handshake the client leaves the TCP close to the server: still open "
                    + SERVER_CLOSE_DELAY_MS + " ms later")
    void leavesTheTcpCloseToTheServer(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.close(1000, new byte[0]));
            s.expectCloseAnswer(1000);
            s.expectClientToLeaveTheTcpCloseToTheServer(SERVER_CLOSE_DELAY_MS);
        }
    }

    @Check(id = "rfc6455-client/7.1.1/2", spec = "RFC 6455 §5.5.1, §7.1.1",
            title = "When the server never closes TCP after the closing handshake, the client closes it within "
                    + CLIENT_CLOSE_BOUND_MS / 1000 + " s")
    void closesTcpWhenTheServerDoesNot(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.close(1000, new byte[0]));
            s.expectCloseAnswer(1000);
            s.expectClientToCloseTcpWithin(CLIENT_CLOSE_BOUND_MS);
        }
    }

    @Check(id = "rfc6455-client/7.1.5/1", spec = "RFC 6455 §7.1.5, §7.1.6",
            title = "The client reports the server's close code and reason to its application: 'closed 1000 bye'")
    void reportsTheCloseCodeAndReason(CheckContext ctx) throws Exception {
        reportsAfter(ctx, 1000, "bye", s -> s.send(Frames.close(1000, Payloads.utf8("bye"))));
    }

    @Check(id = "rfc6455-client/7.1.5/2", spec = "RFC 6455 §7.1.5, §7.1.6",
            title = "A close with no status code is reported as 1005 (No Status Received): 'closed 1005'")
    void reportsNoStatusAs1005(CheckContext ctx) throws Exception {
        reportsAfter(ctx, 1005, null, s -> s.send(Frames.of(Opcode.CLOSE, new byte[0])));
    }

    @Check(id = "rfc6455-client/7.1.5/3", spec = "RFC 6455 §7.1.5, §7.1.6",
            title = "A connection that ends without a close frame is reported as 1006 (Abnormal Closure): 'closed 1006'")
    void reportsNoCloseFrameAs1006(CheckContext ctx) throws Exception {
        reportsAfter(ctx, 1006, null, s -> {
            s.send(Frames.text("still there?"));
            s.expectEcho(Opcode.TEXT, Payloads.utf8("still there?"), "text message");
        });
    }

    private interface Step {
        void run(ClientSession s) throws Exception;
    }

    /**
     * After {@code step} the server closes TCP; the client must then report {@code code}, and
     * {@code reason} when the server's close frame carried one (the echo-client contract, with
     * §7.1.5's codes). Where no close frame carried a reason, §7.1.6 defines the reason as the
     * empty string, with no keyword: another one is noted. What the client sent is judged by the
     * other cases, not here.
     */
    private static void reportsAfter(CheckContext ctx, int code, String reason, Step step) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            step.run(s);
            s.awaitCloseAnswerQuietly();
            s.closeTcp();
            long wait = ctx.timeoutMillis() + ctx.slackMillis(1_000);
            Optional<PlayServer.Report> got = s.awaitReport(wait);
            PlayServer.Report expected = new PlayServer.Report(code, reason == null ? "" : reason);
            ctx.require(got.isPresent() && got.get().code() == code && (reason == null || got.get().reason().equals(reason)),
                    "the client to report '" + expected + "' (one line per connection end: §7.1.5's code"
                            + (reason == null ? "" : " and the close frame's reason") + ")",
                    got.map(r -> "it reported '" + r + "'").orElse("it reported nothing within " + wait + " ms"));
            if (reason == null && !got.get().reason().isEmpty()) {
                ctx.info("the client reported the reason '" + got.get().reason() + "' where no close frame carried one;"
                        + " §7.1.6 defines the reason then as the empty string");
            }
        }
    }
}
