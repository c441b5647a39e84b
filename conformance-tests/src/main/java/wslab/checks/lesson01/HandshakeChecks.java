package wslab.checks.lesson01;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.AcceptKeys;
import wslab.wire.Frame;
import wslab.wire.HandshakeRequest;
import wslab.wire.HttpResponseHead;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;

/**
 * Lesson 01: the opening handshake, RFC 6455 §1.3 and §4.1–4.4, seen from the client side.
 * The lesson's contract adds: the endpoint speaks subprotocols {@code wslab.v2} and
 * {@code wslab.v1}, and after the upgrade it echoes data frames.
 */
@LessonChecks("01")
class HandshakeChecks {

    /** RFC 6455 §1.3's worked example. */
    static final String RFC_SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String RFC_SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    /** The seed document's example handshake. */
    static final String SEED_SAMPLE_KEY = "x3JJHMbDL1EzLkh9GBhXDw==";
    static final String SEED_SAMPLE_ACCEPT = "HSmrc0sMlYUkAGmm5OPpG2HaGWk=";

    static final int RANDOM_KEYS = 20;
    /** Versions no registry assigns (RFC 6455 §11.6 registers 0 to 13): no server speaks them. */
    static final List<String> UNASSIGNED_VERSIONS = List.of("14", "99");

    @Check(id = "01.1", points = 2, spec = "RFC 6455 §4.2.2 item 5.4",
            title = "The RFC's sample key dGhlIHNhbXBsZSBub25jZQ== gets Sec-WebSocket-Accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    void rfcSampleKey(CheckContext ctx) throws IOException {
        requireAccept(ctx, RFC_SAMPLE_KEY, RFC_SAMPLE_ACCEPT, ctx.connect());
    }

    @Check(id = "01.2", points = 2, spec = "RFC 6455 §4.2.2 item 5.4",
            title = "The seed document's sample key x3JJHMbDL1EzLkh9GBhXDw== gets HSmrc0sMlYUkAGmm5OPpG2HaGWk=")
    void seedSampleKey(CheckContext ctx) throws IOException {
        requireAccept(ctx, SEED_SAMPLE_KEY, SEED_SAMPLE_ACCEPT, ctx.connect());
    }

    @Check(id = "01.3", points = 2, spec = "RFC 6455 §4.2.2 item 5.4",
            title = "20 random keys each get the accept value the suite computes independently")
    void randomKeys(CheckContext ctx) throws IOException {
        for (int i = 0; i < RANDOM_KEYS; i++) {
            String key = AcceptKeys.newKey(ctx.random());
            requireAccept(ctx, key, AcceptKeys.acceptFor(key), ctx.connect());
        }
    }

    @Check(id = "01.4", spec = "RFC 6455 §4.2.2 items 5.2-5.3",
            title = "The 101 response carries Upgrade: websocket and Connection: Upgrade")
    void upgradeHeadersInAnswer(CheckContext ctx) throws IOException {
        HttpResponseHead head = requireSwitch(ctx, valid(ctx));
        ctx.require(head.hasToken("upgrade", "websocket"), "'Upgrade: websocket' in the 101 response",
                head.field("upgrade").map(v -> "Upgrade was '" + v + "'").orElse("there was no Upgrade field"));
        ctx.require(head.hasToken("connection", "upgrade"), "'Connection: Upgrade' in the 101 response",
                head.field("connection").map(v -> "Connection was '" + v + "'").orElse("there was no Connection field"));
    }

    @Check(id = "01.5", spec = "RFC 6455 §4.2.1 item 5",
            title = "A request without Sec-WebSocket-Key is refused with a 4xx answer (400 Bad Request, for example)")
    void missingKey(CheckContext ctx) throws IOException {
        requireRefusal(ctx, valid(ctx).without("Sec-WebSocket-Key"), "a request without Sec-WebSocket-Key");
    }

    @Check(id = "01.6", spec = "RFC 6455 §4.2.1 item 5",
            title = "A key that is not base64 of exactly 16 bytes is refused with a 4xx answer")
    void malformedKey(CheckContext ctx) throws IOException {
        byte[] fifteen = new byte[15];
        byte[] seventeen = new byte[17];
        ctx.random().nextBytes(fifteen);
        ctx.random().nextBytes(seventeen);
        List<String> keys = List.of(
                Base64.getEncoder().encodeToString(fifteen) + "====",
                Base64.getEncoder().encodeToString(seventeen),
                "not base64 at all!!!!!==",
                "c2hvcnQ=");
        for (String key : keys) {
            requireRefusal(ctx, valid(ctx).field("Sec-WebSocket-Key", key), "the key '" + key + "'");
        }
    }

    /**
     * Only unassigned versions are offered: 8 is a real draft version (hybi-08 to -12) that a server may
     * accept next to 13, so refusing it is no requirement.
     */
    @Check(id = "01.7", spec = "RFC 6455 §4.2.2 item 4 /version/, §4.4, RFC 9110 §15.5.22",
            title = "A Sec-WebSocket-Version the server does not speak (14, 99) is refused with a 4xx naming 13 in Sec-WebSocket-Version")
    void unsupportedVersion(CheckContext ctx) throws IOException {
        for (String version : UNASSIGNED_VERSIONS) {
            HttpResponseHead head = requireRefusal(ctx, valid(ctx).field("Sec-WebSocket-Version", version),
                    "Sec-WebSocket-Version: " + version);
            ctx.require(head.hasToken("sec-websocket-version", "13"),
                    "the refusal of version " + version + " to list the versions the server speaks, 13 among them (§4.4)",
                    head.field("sec-websocket-version").map(v -> "it listed 'Sec-WebSocket-Version: " + v + "'")
                            .orElse("it answered " + head.statusLine() + " with no Sec-WebSocket-Version field"));
            if (head.status() == 426) {
                ctx.require(head.hasToken("upgrade", "websocket"),
                        "a 426 answer to carry 'Upgrade: websocket', the protocol it requires (RFC 9110 §15.5.22)",
                        head.field("upgrade").map(v -> "its Upgrade field was '" + v + "'").orElse("it had no Upgrade field"));
            }
        }
    }

    @Check(id = "01.8", spec = "RFC 6455 §4.2.1 item 6",
            title = "A request without Sec-WebSocket-Version is refused with a 4xx answer")
    void missingVersion(CheckContext ctx) throws IOException {
        requireRefusal(ctx, valid(ctx).without("Sec-WebSocket-Version"), "a request without Sec-WebSocket-Version");
    }

    @Check(id = "01.9", spec = "RFC 6455 §4.2.1 item 1, RFC 9110 §15.5.6",
            title = "A request that is not a GET (POST) is refused with a 4xx answer; a 405 lists the allowed methods in Allow")
    void postNotUpgraded(CheckContext ctx) throws IOException {
        requireRefusal(ctx, valid(ctx).method("POST"), "a POST");
    }

    @Check(id = "01.10", spec = "RFC 6455 §4.2.1 item 1",
            title = "An HTTP/1.0 request is refused with a 4xx answer")
    void http10NotUpgraded(CheckContext ctx) throws IOException {
        requireRefusal(ctx, valid(ctx).version("HTTP/1.0"), "an HTTP/1.0 request");
    }

    /** Exactly 400 here: RFC 9112 §3.2 makes it a MUST for an HTTP/1.1 request without Host. */
    @Check(id = "01.11", spec = "RFC 6455 §4.2.1 item 2, RFC 9112 §3.2",
            title = "A request without Host gets 400")
    void missingHost(CheckContext ctx) throws IOException {
        requireStatus(ctx, valid(ctx).without("Host"), 400, "a request without Host");
    }

    @Check(id = "01.12", spec = "RFC 6455 §4.2.1 item 3",
            title = "A request whose Upgrade is not websocket is refused with a 4xx answer")
    void wrongUpgrade(CheckContext ctx) throws IOException {
        for (String upgrade : List.of("not-websocket", "h2c")) {
            requireRefusal(ctx, valid(ctx).field("Upgrade", upgrade), "'Upgrade: " + upgrade + "'");
        }
    }

    @Check(id = "01.21", spec = "RFC 6455 §4.2.1 item 4",
            title = "A request whose Connection lacks the Upgrade token (keep-alive; keep-alive, x-upgrade-later) is refused with a 4xx answer")
    void connectionWithoutUpgrade(CheckContext ctx) throws IOException {
        // The second one holds "upgrade" inside another token: only a whole token counts.
        for (String connection : List.of("keep-alive", "keep-alive, x-upgrade-later")) {
            requireRefusal(ctx, valid(ctx).field("Connection", connection), "'Connection: " + connection + "'");
        }
    }

    @Check(id = "01.13", spec = "RFC 6455 §4.2.1 items 3-4, RFC 9110 §5.1",
            title = "Connection: keep-alive, Upgrade is accepted, and header names and tokens match without case")
    void tokensAndCase(CheckContext ctx) throws IOException {
        String key = AcceptKeys.newKey(ctx.random());
        try (RawConnection c = ctx.connect()) {
            c.send(HandshakeRequest.valid(ctx.target(), key).field("Connection", "keep-alive, Upgrade"));
            requireAcceptIn(ctx, key, AcceptKeys.acceptFor(key), c.readResponse(), "'Connection: keep-alive, Upgrade' (as Firefox sends it)");
        }
        key = AcceptKeys.newKey(ctx.random());
        try (RawConnection c = ctx.connect()) {
            c.send(HandshakeRequest.valid(ctx.target(), key)
                    .respell("Host", "host")
                    .respell("Upgrade", "UPGRADE").field("Upgrade", "WebSocket")
                    .respell("Connection", "connection").field("connection", "upgrade")
                    .respell("Sec-WebSocket-Key", "sec-websocket-key")
                    .respell("Sec-WebSocket-Version", "SEC-WEBSOCKET-VERSION"));
            requireAcceptIn(ctx, key, AcceptKeys.acceptFor(key), c.readResponse(),
                    "header names in lower and upper case with 'Upgrade: WebSocket' and 'Connection: upgrade'");
        }
    }

    @Check(id = "01.14", spec = "RFC 6455 §4.2.2 item 4 /subprotocol/, §4.2.2 item 5.5",
            title = "Offered 'foo, wslab.v1', the server selects wslab.v1, one of the offers")
    void subprotocolFromOffers(CheckContext ctx) throws IOException {
        HttpResponseHead head = requireSwitch(ctx, valid(ctx).field("Sec-WebSocket-Protocol", "foo, wslab.v1"));
        ctx.require(head.values("sec-websocket-protocol").equals(List.of("wslab.v1")),
                "'Sec-WebSocket-Protocol: wslab.v1', the only offer this endpoint speaks",
                head.field("sec-websocket-protocol").map(v -> "it selected '" + v + "'")
                        .orElse("the 101 had no Sec-WebSocket-Protocol"));
    }

    @Check(id = "01.15", spec = "RFC 6455 §4.2.2 item 4 /subprotocol/",
            title = "Offered only protocols it does not speak, the server sends no Sec-WebSocket-Protocol")
    void noMatchingSubprotocol(CheckContext ctx) throws IOException {
        HttpResponseHead head = requireSwitch(ctx, valid(ctx).field("Sec-WebSocket-Protocol", "foo, chat.v9"));
        ctx.require(head.field("sec-websocket-protocol").isEmpty(),
                "no Sec-WebSocket-Protocol: neither 'foo' nor 'chat.v9' is spoken here",
                "it answered 'Sec-WebSocket-Protocol: " + head.field("sec-websocket-protocol").orElse("") + "'");
    }

    @Check(id = "01.16", spec = "RFC 6455 §4.2.2 item 4 /subprotocol/, §4.1 item 6 (the client's check of the answer)",
            title = "Offered no subprotocol, the server sends none")
    void noOfferNoSubprotocol(CheckContext ctx) throws IOException {
        HttpResponseHead head = requireSwitch(ctx, valid(ctx));
        ctx.require(head.field("sec-websocket-protocol").isEmpty(),
                "no Sec-WebSocket-Protocol when the client offered none",
                "it answered 'Sec-WebSocket-Protocol: " + head.field("sec-websocket-protocol").orElse("") + "'");
    }

    @Check(id = "01.17", spec = "RFC 6455 §4.2.2 item 4 /extensions/, §4.2.2 item 5.6, §9.1",
            title = "An extension the server does not implement is not accepted")
    void unknownExtension(CheckContext ctx) throws IOException {
        HttpResponseHead head = requireSwitch(ctx,
                valid(ctx).field("Sec-WebSocket-Extensions", "x-wslab-unknown; level=3, x-wslab-other"));
        List<String> accepted = head.tokens("sec-websocket-extensions");
        ctx.require(accepted.stream().noneMatch(e -> e.toLowerCase().startsWith("x-wslab")),
                "no Sec-WebSocket-Extensions naming x-wslab-unknown or x-wslab-other, which no server implements",
                "it answered 'Sec-WebSocket-Extensions: " + String.join(", ", accepted) + "'");
    }

    @Check(id = "01.18", points = 2, spec = "RFC 6455 §4.2.1, RFC 9293 §2.2 (TCP is a byte stream)", faults = "slicer",
            title = "A request that the proxy writes one byte at a time is still answered with the right accept")
    void byteAtATime(CheckContext ctx) throws IOException {
        ctx.faults().toxics().slicer("one_byte_segments", ToxicDirection.UPSTREAM, 1, 0).setDelay(500);
        String key = AcceptKeys.newKey(ctx.random());
        try (RawConnection c = ctx.connectThroughFaults()) {
            c.send(HandshakeRequest.valid(ctx.target(), key));
            requireAcceptIn(ctx, key, AcceptKeys.acceptFor(key), c.readResponse(),
                    "a request delivered one byte per segment, 0.5 ms apart");
        }
    }

    @Check(id = "01.19", spec = "RFC 6455 §4.2.1, RFC 9293 §2.2 (TCP is a byte stream)", faults = "latency",
            title = "A request that arrives slowly, in two parts, is still answered with the right accept")
    void slowRequest(CheckContext ctx) throws IOException {
        ctx.faults().toxics().latency("slow_link", ToxicDirection.UPSTREAM, 300).setJitter(100);
        String key = AcceptKeys.newKey(ctx.random());
        byte[] request = HandshakeRequest.valid(ctx.target(), key).toBytes();
        int half = request.length / 2;
        try (RawConnection c = ctx.connectThroughFaults()) {
            c.sendRaw(request, 0, half);
            pause(ctx, 150);
            c.sendRaw(request, half, request.length - half);
            requireAcceptIn(ctx, key, AcceptKeys.acceptFor(key), c.readResponse(),
                    "a request whose second half came 150 ms after the first, over a 300±100 ms link");
        }
    }

    @Check(id = "01.20", points = 2, spec = "RFC 6455 §5.1, §5.2",
            title = "After 101, a masked text frame 'hello' comes back as an unmasked text frame 'hello'")
    void echoAfterUpgrade(CheckContext ctx) throws IOException {
        String key = AcceptKeys.newKey(ctx.random());
        try (RawConnection c = ctx.connect()) {
            c.send(HandshakeRequest.valid(ctx.target(), key));
            requireAcceptIn(ctx, key, AcceptKeys.acceptFor(key), c.readResponse(), "a valid request");
            c.send(Frame.text("hello"));
            Optional<Frame> echo = c.readFrame();
            ctx.require(echo.isPresent(), "a text frame 'hello' back", "the server closed the connection instead");
            Frame f = echo.get();
            ctx.require(f.opcode() == Opcode.TEXT && f.fin() && f.payloadText().equals("hello"),
                    "a final TEXT frame with payload 'hello'", "it sent " + f.describe());
            ctx.require(!f.masked(), "an unmasked frame: a server never masks (RFC 6455 §5.1)", "the frame was masked");
        }
    }

    // ---- helpers: each states its expectation in the scorecard's words ----

    private static HandshakeRequest valid(CheckContext ctx) throws IOException {
        return HandshakeRequest.valid(ctx.target(), AcceptKeys.newKey(ctx.random()));
    }

    private static Optional<HttpResponseHead> exchange(CheckContext ctx, HandshakeRequest request) throws IOException {
        try (RawConnection c = ctx.connect()) {
            c.send(request);
            return c.readResponse();
        }
    }

    private static void requireAccept(CheckContext ctx, String key, String expected, RawConnection c) throws IOException {
        try (c) {
            c.send(HandshakeRequest.valid(ctx.target(), key));
            requireAcceptIn(ctx, key, expected, c.readResponse(), "key " + key);
        }
    }

    private static void requireAcceptIn(CheckContext ctx, String key, String expected, Optional<HttpResponseHead> answer,
                                        String what) {
        HttpResponseHead head = requireSwitchIn(ctx, answer, what);
        Optional<String> accept = head.field("sec-websocket-accept");
        ctx.require(accept.isPresent(), "Sec-WebSocket-Accept: " + expected + " for " + what,
                "the 101 had no Sec-WebSocket-Accept");
        ctx.require(accept.get().equals(expected), "Sec-WebSocket-Accept: " + expected + " for " + what,
                "it was '" + accept.get() + "'" + AcceptDiagnosis.explain(key, accept.get()));
    }

    private static HttpResponseHead requireSwitch(CheckContext ctx, HandshakeRequest request) throws IOException {
        return requireSwitchIn(ctx, exchange(ctx, request), "a valid request");
    }

    private static HttpResponseHead requireSwitchIn(CheckContext ctx, Optional<HttpResponseHead> answer, String what) {
        ctx.require(answer.isPresent(), "101 Switching Protocols for " + what,
                "the server closed the connection without answering");
        HttpResponseHead head = answer.get();
        ctx.require(head.status() == 101, "101 Switching Protocols for " + what, "it answered " + head.statusLine());
        return head;
    }

    private static void requireStatus(CheckContext ctx, HandshakeRequest request, int status, String what)
            throws IOException {
        Optional<HttpResponseHead> answer = exchange(ctx, request);
        ctx.require(answer.isPresent(), status + " for " + what, "the server closed the connection without answering");
        ctx.require(answer.get().status() == status, status + " for " + what,
                "it answered " + answer.get().statusLine() + upgradedNote(answer.get()));
    }

    /**
     * §4.2.1: a handshake that does not match MUST get "an HTTP response with an appropriate error
     * code (such as 400 Bad Request)". 400 is an example, so any 4xx passes and the status is only
     * noted; a silent close or a 101 fails. A 405 MUST carry Allow (RFC 9110 §15.5.6), a 426 MUST
     * carry Upgrade (RFC 9110 §15.5.22).
     */
    private static HttpResponseHead requireRefusal(CheckContext ctx, HandshakeRequest request, String what)
            throws IOException {
        Optional<HttpResponseHead> answer = exchange(ctx, request);
        ctx.require(answer.isPresent(), "a 4xx answer to " + what, "the server closed the connection without answering");
        HttpResponseHead head = answer.get();
        int status = head.status();
        ctx.require(status >= 400 && status < 500, "a 4xx answer to " + what,
                "it answered " + head.statusLine() + upgradedNote(head));
        ctx.info("the server refused " + what + " with " + head.statusLine());
        if (status == 405) {
            ctx.require(head.field("allow").isPresent(), "a 405 answer to carry Allow, the methods it accepts (RFC 9110 §15.5.6)",
                    "the 405 had no Allow field");
        }
        if (status == 426) {
            ctx.require(head.field("upgrade").isPresent(), "a 426 answer to carry Upgrade, the protocol it requires (RFC 9110 §15.5.22)",
                    "the 426 had no Upgrade field");
        }
        return head;
    }

    private static String upgradedNote(HttpResponseHead head) {
        return head.status() == 101 ? ": it switched protocols instead of refusing" : "";
    }

    private static void pause(CheckContext ctx, long millis) {
        try {
            ctx.sleep(java.time.Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
