package wslab.checks.lesson09;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import wslab.api.SecurityContract;
import wslab.api.TcpConnection;
import wslab.api.Tls;
import wslab.api.TlsConnection;
import wslab.faults.FaultLink;
import wslab.grader.CheckContext;
import wslab.grader.CheckFailed;
import wslab.wire.AcceptKeys;
import wslab.wire.Frame;
import wslab.wire.HandshakeRequest;
import wslab.wire.HttpResponseHead;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;

/**
 * One connection of the suite to a lesson 09 server: TLS first (trusting only the certificates
 * the grader was given or the server printed), then the upgrade, then JSON messages. It answers
 * pings and reassembles fragments, so a check sees the server's messages, closes and silences.
 */
final class SecureClient implements AutoCloseable {

    /** What came next from the server. */
    enum Kind { TEXT, BINARY, CLOSE, ENDED, SILENT }

    /** One thing the server did, at a time on the check's clock. */
    record Incoming(Kind kind, String text, int code, String reason, long atNanos) {
        String describe() {
            return switch (kind) {
                case TEXT -> "the message " + shorten(text);
                case BINARY -> "a binary message";
                case CLOSE -> "a close frame with " + (code < 0 ? "no code" : "code " + code) + (reason.isEmpty() ? "" : " ('" + reason + "')");
                case ENDED -> "the end of the connection (" + reason + ")";
                case SILENT -> "nothing";
            };
        }
    }

    /** A long message (a post at the size limit) is shown by its start and its length. */
    static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    private final CheckContext ctx;
    private final RawConnection conn;
    /** Whether this client has sent its close frame: it answers the server's only if not. */
    private boolean closeSent;
    private final String name;

    private SecureClient(CheckContext ctx, RawConnection conn, String name) {
        this.ctx = ctx;
        this.conn = conn;
        this.name = name;
    }

    /** A TCP connection to the target (through the check's fault link if asked), TLS not yet started. */
    static TcpConnection tcp(CheckContext ctx, boolean throughFaults) throws IOException {
        if (!throughFaults) {
            return ctx.env().connect(ctx.host(), ctx.port(), Duration.ofMillis(ctx.timeoutMillis()));
        }
        FaultLink link = ctx.faults();
        return ctx.env().connect(link.host(), link.port(), Duration.ofMillis(ctx.timeoutMillis()));
    }

    /** A TLS handshake that worked, or what went wrong: what a check expects, and what happened. */
    record TlsAttempt(TlsConnection tls, String expected, String failure) {
        boolean ok() {
            return tls != null;
        }
    }

    /** TLS over {@code tcp} to the target, the handshake done, or the check fails saying why. */
    static TlsConnection tls(CheckContext ctx, TcpConnection tcp) throws IOException {
        TlsAttempt attempt = attemptTls(ctx, tcp);
        if (!attempt.ok()) {
            throw new CheckFailed(attempt.expected(), attempt.failure());
        }
        return attempt.tls();
    }

    /** TLS over {@code tcp}, trusting only what the grader was given or the server printed; never fails the check itself. */
    static TlsAttempt attemptTls(CheckContext ctx, TcpConnection tcp) throws IOException {
        List<X509Certificate> trusted = ctx.trustedCertificates();
        // A program's first lines reach the grader through a pipe, a moment after it accepts connections.
        for (int i = 0; i < 40 && trusted.isEmpty() && ctx.serverLog().isPresent(); i++) {
            try {
                ctx.sleep(Duration.ofMillis(50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            trusted = ctx.trustedCertificates();
        }
        if (trusted.isEmpty()) {
            tcp.close();
            return new TlsAttempt(null, "a certificate to trust for " + ctx.target(),
                    "none: the server printed no certificate (PEM) in its log, and no --trust file was given");
        }
        TlsConnection tls = Tls.client(tcp, Tls.trusting(trusted), ctx.host(), ctx.port());
        tls.readTimeout(Duration.ofMillis(ctx.timeoutMillis()));
        try {
            tls.handshake();
        } catch (SSLHandshakeException e) {
            tls.close();
            return new TlsAttempt(null, "a TLS 1.2 or 1.3 handshake with a certificate the grader trusts, naming " + ctx.host(),
                    "it failed: " + e.getMessage());
        } catch (SSLException e) {
            tls.close();
            return new TlsAttempt(null, "a TLS 1.2 or 1.3 handshake (RFC 6455 §4.1: wss:// is TLS first)",
                    "the server did not speak TLS: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            tls.close();
            return new TlsAttempt(null, "a TLS handshake within " + ctx.timeoutMillis() + " ms", "it did not complete");
        } catch (EOFException | SocketException e) {
            tls.close();
            return new TlsAttempt(null, "a TLS handshake", "the server closed the connection during it");
        }
        ctx.transcript().note("TLS " + tls.session().getProtocol() + ", " + tls.session().getCipherSuite()
                + ", certificate " + ((X509Certificate) tls.session().getPeerCertificates()[0]).getSubjectX500Principal().getName());
        return new TlsAttempt(tls, "", "");
    }

    /** TLS over a connection the check made itself (through a toxic, say), for a client it drives. */
    static SecureClient over(CheckContext ctx, String name, TlsConnection tls) throws IOException {
        return ctx.closeAtEnd(new SecureClient(ctx, RawConnection.over(tls, ctx.timeoutMillis(), ctx.transcript(), ctx.random()), name));
    }

    /** TLS done, no upgrade yet. */
    static SecureClient connect(CheckContext ctx, String name, boolean throughFaults) throws IOException {
        TlsConnection tls = tls(ctx, tcp(ctx, throughFaults));
        return ctx.closeAtEnd(new SecureClient(ctx, RawConnection.over(tls, ctx.timeoutMillis(), ctx.transcript(), ctx.random()), name));
    }

    /** TLS, then an upgrade from {@code origin} (null: no Origin field) that must get 101. */
    static SecureClient upgraded(CheckContext ctx, String name, String origin) throws IOException {
        SecureClient c = connect(ctx, name, false);
        String key = AcceptKeys.newKey(ctx.random());
        Optional<HttpResponseHead> head = c.handshake(c.request(key, origin));
        ctx.require(head.isPresent() && head.get().status() == 101,
                "101 Switching Protocols for " + name + "'s upgrade from " + (origin == null ? "no Origin" : origin),
                head.map(h -> "it answered " + h.statusLine()).orElse("the server closed the connection"));
        ctx.require(head.get().field("sec-websocket-accept").orElse("").equals(AcceptKeys.acceptFor(key)),
                "the right Sec-WebSocket-Accept (lesson 01)", "it was " + head.get().field("sec-websocket-accept").orElse("absent"));
        return c;
    }

    /** Upgraded from the allowed origin and signed in as {@code user} with a valid token: the welcome has arrived. */
    static SecureClient signedIn(CheckContext ctx, String user) throws IOException {
        SecureClient c = upgraded(ctx, user, SecurityContract.ALLOWED_ORIGIN);
        c.send(SecurityContract.auth(LabIssuer.token(user, ctx.env().clock().instant())));
        c.expect(SecurityContract.welcome(user), user + "'s welcome after a valid token");
        return c;
    }

    /** A valid upgrade request for the target from {@code origin}; null leaves Origin out. */
    HandshakeRequest request(String key, String origin) throws IOException {
        HandshakeRequest r = HandshakeRequest.valid(ctx.target(), key);
        return origin == null ? r : r.field("Origin", origin);
    }

    Optional<HttpResponseHead> handshake(HandshakeRequest request) throws IOException {
        conn.send(request);
        try {
            return conn.readResponse();
        } catch (SocketException | EOFException e) {
            ctx.transcript().note("the connection ended before an answer: " + e.getMessage());
            return Optional.empty();
        }
    }

    void send(String json) throws IOException {
        conn.send(Frame.text(json));
    }

    void send(Frame frame) throws IOException {
        conn.send(frame);
        closeSent |= frame.opcode() == Opcode.CLOSE;
    }

    void sendRaw(byte[] bytes) throws IOException {
        conn.sendRaw(bytes, 0, bytes.length);
    }

    /** The next thing the server does within {@code millis}: a message, a close, the end, or nothing. */
    Incoming next(long millis) throws IOException {
        long deadline = ctx.nanoTime() + millis * 1_000_000;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            long leftNanos = deadline - ctx.nanoTime();
            if (leftNanos < 0) {
                return new Incoming(Kind.SILENT, "", -1, "", ctx.nanoTime());
            }
            Optional<Frame> next;
            try {
                // One millisecond past the bound: what happens at its very instant still counts.
                conn.timeout((int) Math.max(1, leftNanos / 1_000_000 + 1));
                next = conn.pollFrame();
            } catch (SocketTimeoutException e) {
                return new Incoming(Kind.SILENT, "", -1, "", ctx.nanoTime());
            } catch (SocketException | EOFException e) {
                return new Incoming(Kind.ENDED, "", -1, "the connection failed: " + e.getMessage(), ctx.nanoTime());
            } catch (SSLException e) {
                return new Incoming(Kind.ENDED, "", -1, "TLS failed: " + e.getMessage(), ctx.nanoTime());
            }
            long at = ctx.nanoTime();
            if (next.isEmpty()) {
                return new Incoming(Kind.ENDED, "", -1, "TCP closed", at);
            }
            Frame f = next.get();
            switch (f.opcode()) {
                case Opcode.PING -> conn.send(Frame.of(Opcode.PONG, f.payload()));
                case Opcode.PONG -> {
                    // Unsolicited pongs need no answer (RFC 6455 §5.5.3).
                }
                case Opcode.CLOSE -> {
                    byte[] p = f.payload();
                    String reason = p.length > 2 ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : "";
                    return new Incoming(Kind.CLOSE, "", f.closeCode(), reason, at);
                }
                default -> {
                    if (opcode == -1) {
                        opcode = f.opcode();
                    }
                    message.writeBytes(f.payload());
                    if (f.fin()) {
                        return opcode == Opcode.TEXT
                                ? new Incoming(Kind.TEXT, message.toString(StandardCharsets.UTF_8), -1, "", at)
                                : new Incoming(Kind.BINARY, "", -1, "", at);
                    }
                }
            }
        }
    }

    Incoming next() throws IOException {
        return next(ctx.timeoutMillis());
    }

    /** The next message must match {@code expected} (its type and members as JSON values; other members are allowed). */
    String expect(String expected, String what) throws IOException {
        Incoming in = next();
        ctx.require(in.kind() == Kind.TEXT && SecurityContract.matches(in.text(), expected),
                what + ": " + shorten(expected) + " on " + name + "'s connection", "it received " + in.describe());
        return in.text();
    }

    /** The next message must be {@code {"type":"error","code":code}}. */
    void expectError(String code, String what) throws IOException {
        Incoming in = next();
        ctx.require(in.kind() == Kind.TEXT && SecurityContract.matches(in.text(), "{\"type\":\"error\",\"code\":\"" + code + "\"}"),
                "{\"type\":\"error\",\"code\":\"" + code + "\"} for " + what, "it received " + in.describe());
    }

    /**
     * The server must close with {@code code}: a close frame carrying it (the contract), then the
     * end of TCP. The client answers the close frame as RFC 6455 §5.5.1 has it, so a server that
     * waits for that answer before ending TCP (as most libraries do) is not failed for waiting.
     * Returns when the close frame arrived.
     */
    long expectClose(int code, String why) throws IOException {
        return expectClose(code, why, ctx.timeoutMillis());
    }

    long expectClose(int code, String why, long millis) throws IOException {
        Incoming in = next(millis);
        ctx.require(in.kind() == Kind.CLOSE && in.code() == code, "a close with " + code + " on " + name + "'s connection: " + why,
                in.kind() == Kind.SILENT ? "nothing arrived within " + millis + " ms" : "it received " + in.describe());
        if (!closeSent) {
            try {
                send(Frame.close(in.code(), new byte[0]));
                ctx.transcript().note(name + " answered the close frame with its own (RFC 6455 §5.5.1)");
            } catch (IOException e) {
                // The server ended TCP right after its close frame, which is what comes next anyway.
            }
        }
        Incoming after = next();
        ctx.require(after.kind() == Kind.ENDED || after.kind() == Kind.CLOSE,
                "the server to close TCP once both close frames were sent (RFC 6455 §5.5.1)",
                after.kind() == Kind.SILENT ? "TCP was still open " + ctx.timeoutMillis() + " ms after the close handshake"
                        : "it sent " + after.describe());
        return in.atNanos();
    }

    /** The server must not have sent anything for {@code millis}: no message, no close. */
    void expectSilence(long millis, String why) throws IOException {
        Incoming in = next(millis);
        ctx.require(in.kind() == Kind.SILENT, "nothing on " + name + "'s connection for " + millis + " ms: " + why,
                "it received " + in.describe());
    }

    RawConnection raw() {
        return conn;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        conn.close();
    }
}
