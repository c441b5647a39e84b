package wslab.checks.lesson09;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import wslab.api.SecurityContract;
import wslab.api.TcpConnection;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.AcceptKeys;
import wslab.wire.HandshakeRequest;
import wslab.wire.HttpResponseHead;

/** Lesson 09, transport: wss:// and nothing else on its port; no compression next to secrets. */
@LessonChecks("09")
class TransportChecks {

    @Check(id = "09.1", points = 2, spec = "RFC 6455 §4.1, §10.6, RFC 8996; OWASP WebSocket cheat sheet: Always Use WSS",
            title = "The wss:// endpoint completes a TLS 1.2 or 1.3 handshake with a certificate the grader trusts, then upgrades")
    void speaksTls(CheckContext ctx) throws IOException {
        try (SecureClient c = SecureClient.upgraded(ctx, "the suite", SecurityContract.ALLOWED_ORIGIN)) {
            ctx.transcript().note("upgraded over TLS");
        }
    }

    @Check(id = "09.2", spec = "RFC 6455 §10.6; OWASP WebSocket cheat sheet: Always Use WSS",
            title = "A plain ws:// upgrade on the secure port gets no 101: nothing is served in the clear")
    void servesNothingInTheClear(CheckContext ctx) throws IOException {
        try (TcpConnection plain = ctx.closeAtEnd(SecureClient.tcp(ctx, false))) {
            HandshakeRequest request = HandshakeRequest.valid(ctx.target(), AcceptKeys.newKey(ctx.random()))
                    .field("Origin", SecurityContract.ALLOWED_ORIGIN);
            byte[] bytes = request.toBytes();
            ctx.transcript().sent("in the clear: " + new String(bytes, StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""));
            plain.output().write(bytes);
            plain.output().flush();
            String answer = firstBytes(ctx, plain);
            ctx.transcript().note("the server answered in the clear with: " + answer);
            ctx.require(!answer.startsWith("HTTP/1.1 101") && !answer.startsWith("HTTP/1.0 101"),
                    "no 101 to an upgrade sent without TLS: a wss:// port speaks TLS first",
                    "it answered " + answer.lines().findFirst().orElse(answer) + ", so the socket would run unencrypted");
        }
    }

    @Check(id = "09.3", spec = "RFC 6455 §9.1; OWASP WebSocket cheat sheet: Compression security",
            title = "permessage-deflate is not agreed to: compressing secrets next to attacker-chosen text leaks them (CRIME, BREACH)")
    void refusesCompression(CheckContext ctx) throws IOException {
        try (SecureClient c = SecureClient.connect(ctx, "the suite", false)) {
            String key = AcceptKeys.newKey(ctx.random());
            Optional<HttpResponseHead> head = c.handshake(c.request(key, SecurityContract.ALLOWED_ORIGIN)
                    .field("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
            ctx.require(head.isPresent() && head.get().status() == 101, "101 to a valid upgrade that offers permessage-deflate",
                    head.map(h -> "it answered " + h.statusLine()).orElse("the server closed the connection"));
            ctx.require(head.get().tokens("sec-websocket-extensions").stream().noneMatch(t -> t.toLowerCase().startsWith("permessage-deflate")),
                    "no permessage-deflate in the 101's Sec-WebSocket-Extensions", "it agreed: Sec-WebSocket-Extensions: "
                            + head.get().field("sec-websocket-extensions").orElse(""));
        }
    }

    /** The first line or bytes the server sends, "closed" or "nothing": what it does with plain HTTP. */
    private static String firstBytes(CheckContext ctx, TcpConnection plain) throws IOException {
        plain.readTimeout(Duration.ofMillis(SecurityContract.HANDSHAKE_TIMEOUT.toMillis() + ctx.slackMillis(1000) + 500));
        InputStream in = plain.input();
        byte[] buf = new byte[64];
        int n = 0;
        try {
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (n >= 12) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            return n == 0 ? "nothing (it waited)" : describe(buf, n);
        } catch (SocketException e) {
            return n == 0 ? "a reset" : describe(buf, n);
        }
        return n == 0 ? "a close" : describe(buf, n);
    }

    private static String describe(byte[] buf, int n) {
        if (buf[0] == 0x15) {
            return "a TLS alert record";
        }
        String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/") ? text : "bytes that are not HTTP";
    }
}
