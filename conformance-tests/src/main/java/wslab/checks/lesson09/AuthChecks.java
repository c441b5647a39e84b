package wslab.checks.lesson09;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import wslab.api.SecurityContract;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.grader.NeedsServerLog;
import wslab.grader.ServerLog;
import wslab.wire.AcceptKeys;
import wslab.wire.HandshakeRequest;
import wslab.wire.HttpResponseHead;

/**
 * Lesson 09, authentication: a signed token (JWT, ES256) in the first message, within a deadline;
 * nothing else is taken before it; forged tokens close with 1008; a session ends when its token
 * expires, unless a fresh one arrives; tokens never reach the log.
 */
@LessonChecks("09")
class AuthChecks {

    static final String JWT_SPEC = "RFC 7519 §7.2, RFC 8725 §3.1; OWASP WebSocket cheat sheet: Token-based authentication";
    /** How far from its deadline a server may act: it may check on a timer tick. */
    static final long TOLERANCE_MS = 250;
    /** A server may count from when it wrote its 101, a moment before the suite read it. */
    static final long EARLY_MS = 100;

    @Check(id = "09.14", spec = JWT_SPEC, title = "A valid token in the first message is answered with {\"type\":\"welcome\",\"user\":\"alice\"}")
    void welcomesAValidToken(CheckContext ctx) throws IOException {
        SecureClient.signedIn(ctx, "alice").close();
    }

    @Check(id = "09.15", points = 2, spec = "OWASP WebSocket cheat sheet: Authentication and Authorization; lesson 09 contract",
            title = "Nothing is taken before the auth message: a post sent first closes with 1008 and reaches no one")
    void takesNothingBeforeAuth(CheckContext ctx) throws IOException {
        try (SecureClient bob = SecureClient.signedIn(ctx, "bob");
             SecureClient alice = SecureClient.signedIn(ctx, "alice");
             SecureClient mallory = SecureClient.upgraded(ctx, "mallory", SecurityContract.ALLOWED_ORIGIN)) {
            mallory.send(SecurityContract.post("lobby", "posted without a token"));
            mallory.expectClose(SecurityContract.CLOSE_POLICY, "a post before any auth message");
            requireOnlyLaterPostArrives(ctx, alice, bob, "mallory's post, sent before any auth");
        }
    }

    @Check(id = "09.16", spec = "OWASP WebSocket cheat sheet: Denial-of-Service Protection; lesson 09 contract",
            title = "A connection that sends no auth message is closed with 1008 once the 2 s auth deadline passes, not before")
    void closesAtTheAuthDeadline(CheckContext ctx) throws IOException {
        try (SecureClient c = SecureClient.upgraded(ctx, "a silent client", SecurityContract.ALLOWED_ORIGIN)) {
            long start = ctx.nanoTime();
            long deadline = SecurityContract.AUTH_TIMEOUT.toMillis();
            long bound = deadline + TOLERANCE_MS + ctx.slackMillis(1000);
            long closed = c.expectClose(SecurityContract.CLOSE_POLICY, "no auth message within " + deadline + " ms", bound + 1000);
            long after = (closed - start) / 1_000_000;
            ctx.require(after >= deadline - EARLY_MS, "no close before the " + deadline + " ms deadline", "it closed after " + after + " ms");
            ctx.require(after <= bound, "the close within " + bound + " ms of the 101", "it came after " + after + " ms");
        }
    }

    @Check(id = "09.17", points = 2, spec = "OWASP WebSocket cheat sheet: Token-based authentication (tokens in URLs land in access logs)",
            title = "A token in the URL (?token=...) authenticates nothing: a post that follows closes with 1008 and reaches no one")
    void ignoresATokenInTheUrl(CheckContext ctx) throws IOException {
        try (SecureClient bob = SecureClient.signedIn(ctx, "bob");
             SecureClient alice = SecureClient.signedIn(ctx, "alice");
             SecureClient url = SecureClient.connect(ctx, "a client with its token in the URL", false)) {
            String token = LabIssuer.token("alice", ctx.env().clock().instant());
            HandshakeRequest request = HandshakeRequest.valid(ctx.target().resolve(SecurityContract.PATH + "?token=" + token),
                    AcceptKeys.newKey(ctx.random())).field("Origin", SecurityContract.ALLOWED_ORIGIN);
            Optional<HttpResponseHead> head = url.handshake(request);
            if (head.isEmpty() || head.get().status() != 101) {
                ctx.transcript().note("the server refused the URL: " + head.map(HttpResponseHead::statusLine).orElse("closed"));
            } else {
                url.send(SecurityContract.post("lobby", "posted with the token in the URL"));
                url.expectClose(SecurityContract.CLOSE_POLICY, "the first message is not an auth message; a URL carries no credentials");
            }
            requireOnlyLaterPostArrives(ctx, alice, bob, "the post of the connection with its token in the URL");
        }
    }

    @Check(id = "09.18", spec = JWT_SPEC + "; RFC 7519 §4.1.4", title = "An expired token closes with 1008")
    void refusesAnExpiredToken(CheckContext ctx) throws IOException {
        requireRefused(ctx, LabIssuer.Forgery.EXPIRED);
    }

    @Check(id = "09.19", points = 2, spec = JWT_SPEC + "; RFC 7515 §5.2", title = "A token signed with another key closes with 1008")
    void refusesAForeignSignature(CheckContext ctx) throws IOException {
        requireRefused(ctx, LabIssuer.Forgery.OTHER_KEY);
    }

    @Check(id = "09.20", points = 2, spec = JWT_SPEC + ", §2.1", title = "An unsigned token with \"alg\":\"none\" closes with 1008")
    void refusesAlgNone(CheckContext ctx) throws IOException {
        requireRefused(ctx, LabIssuer.Forgery.ALG_NONE);
    }

    @Check(id = "09.21", points = 2, spec = JWT_SPEC + ", §2.1",
            title = "An HS256 token keyed with the issuer's public key (algorithm confusion) closes with 1008")
    void refusesAlgorithmConfusion(CheckContext ctx) throws IOException {
        requireRefused(ctx, LabIssuer.Forgery.HS256_WITH_PUBLIC_KEY);
    }

    @Check(id = "09.22", spec = JWT_SPEC + "; RFC 7519 §4.1.3, RFC 8725 §3.9", title = "A token for another audience closes with 1008")
    void refusesAnotherAudience(CheckContext ctx) throws IOException {
        requireRefused(ctx, LabIssuer.Forgery.WRONG_AUDIENCE);
    }

    @Check(id = "09.23", spec = JWT_SPEC + "; RFC 7519 §4.1.1, RFC 8725 §3.8", title = "A token from another issuer closes with 1008")
    void refusesAnotherIssuer(CheckContext ctx) throws IOException {
        requireRefused(ctx, LabIssuer.Forgery.WRONG_ISSUER);
    }

    @Check(id = "09.24", spec = JWT_SPEC + "; lesson 09 contract (exp is required)",
            title = "A token without an expiry closes with 1008: a session must end some day")
    void refusesATokenWithoutExpiry(CheckContext ctx) throws IOException {
        requireRefused(ctx, LabIssuer.Forgery.NO_EXPIRY);
    }

    @Check(id = "09.25", points = 2, spec = "RFC 7519 §4.1.4; OWASP WebSocket cheat sheet: Session Management (close on expiry)",
            title = "A session whose token expires is closed with 1008 at the expiry, not before")
    void closesWhenTheTokenExpires(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.upgraded(ctx, "alice", SecurityContract.ALLOWED_ORIGIN)) {
            Instant now = ctx.env().clock().instant();
            Instant expiry = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
            long start = ctx.nanoTime();
            long untilExpiry = Duration.between(now, expiry).toMillis();
            alice.send(SecurityContract.auth(LabIssuer.tokenExpiringAt("alice", now, expiry)));
            alice.expect(SecurityContract.welcome("alice"), "the welcome for a token that expires in " + untilExpiry + " ms");
            long bound = untilExpiry + TOLERANCE_MS + ctx.slackMillis(1000);
            long closed = alice.expectClose(SecurityContract.CLOSE_POLICY, "the token expired at " + expiry, bound + 1000);
            long after = (closed - start) / 1_000_000;
            ctx.require(after >= untilExpiry - EARLY_MS, "no close before the token's expiry (" + untilExpiry + " ms)",
                    "it closed after " + after + " ms");
            ctx.require(after <= bound, "the close within " + TOLERANCE_MS + " ms of the expiry (" + untilExpiry + " ms)",
                    "it came after " + after + " ms");
        }
    }

    @Check(id = "09.26", spec = "OWASP WebSocket cheat sheet: Token refresh; lesson 09 contract",
            title = "A fresh token sent before the old one expires is welcomed and keeps the session open past the old expiry")
    void renewsTheSession(CheckContext ctx) throws IOException, InterruptedException {
        try (SecureClient alice = SecureClient.upgraded(ctx, "alice", SecurityContract.ALLOWED_ORIGIN)) {
            Instant now = ctx.env().clock().instant();
            Instant expiry = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
            long start = ctx.nanoTime();
            long untilExpiry = Duration.between(now, expiry).toMillis();
            alice.send(SecurityContract.auth(LabIssuer.tokenExpiringAt("alice", now, expiry)));
            alice.expect(SecurityContract.welcome("alice"), "the welcome for a token that expires in " + untilExpiry + " ms");
            alice.send(SecurityContract.auth(LabIssuer.token("alice", ctx.env().clock().instant())));
            alice.expect(SecurityContract.welcome("alice"), "a welcome for the fresh token");
            // Past the first token's expiry, then past the close a server with a slow timer would send:
            // each post must come back (any close on the way is read first, and fails).
            for (long at : new long[] {untilExpiry + 300, untilExpiry + TOLERANCE_MS + ctx.slackMillis(1000) + 100}) {
                long wait = at - (ctx.nanoTime() - start) / 1_000_000;
                if (wait > 0) {
                    ctx.sleep(Duration.ofMillis(wait));
                }
                String text = "still here " + at + " ms after the first token";
                alice.send(SecurityContract.post("lobby", text));
                alice.expect(Expected.message("lobby", "alice", text),
                        "the post " + (at - untilExpiry) + " ms after the first token expired, the session renewed before it");
            }
        }
    }

    @Check(id = "09.47", spec = "OWASP WebSocket cheat sheet: Token refresh; lesson 09 contract",
            title = "A renewal with another user's valid token closes with 1008: a session never changes hands")
    void refusesARenewalForAnotherUser(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.upgraded(ctx, "alice", SecurityContract.ALLOWED_ORIGIN)) {
            alice.send(SecurityContract.auth(LabIssuer.token("alice", ctx.env().clock().instant())));
            alice.expect(SecurityContract.welcome("alice"), "alice's welcome");
            // Bob's token is valid: only the user it names is wrong for this connection.
            alice.send(SecurityContract.auth(LabIssuer.token("bob", ctx.env().clock().instant())));
            alice.expectClose(SecurityContract.CLOSE_POLICY, "an auth message with bob's token on alice's connection");
        }
    }

    @NeedsServerLog
    @Check(id = "09.27", points = 2, spec = "OWASP WebSocket cheat sheet: Security Monitoring and Logging (avoid logging sensitive data)",
            title = "The server's log holds no token, from an auth message or a URL, and no message text")
    void keepsSecretsOutOfTheLog(CheckContext ctx) throws IOException, InterruptedException {
        // @NeedsServerLog keeps this check to targets whose log the grader reads.
        ServerLog log = ctx.serverLog().orElseThrow();
        String text = "a secret only alice and bob may read " + Long.toHexString(ctx.random().nextLong());
        String token = LabIssuer.token("alice", ctx.env().clock().instant());
        String urlToken = LabIssuer.token("bob", ctx.env().clock().instant());
        try (SecureClient alice = SecureClient.upgraded(ctx, "alice", SecurityContract.ALLOWED_ORIGIN)) {
            alice.send(SecurityContract.auth(token));
            alice.expect(SecurityContract.welcome("alice"), "alice's welcome");
            alice.send(SecurityContract.post("lobby", text));
            alice.expect(Expected.message("lobby", "alice", text), "alice's post");
        }
        try (SecureClient url = SecureClient.connect(ctx, "a client with its token in the URL", false)) {
            url.handshake(HandshakeRequest.valid(ctx.target().resolve(SecurityContract.PATH + "?token=" + urlToken),
                    AcceptKeys.newKey(ctx.random())).field("Origin", SecurityContract.ALLOWED_ORIGIN));
        }
        // A program's output reaches the grader through a pipe: give its last lines a moment.
        ctx.sleep(Duration.ofMillis(ctx.virtualTime() ? 10 : 300));
        String logged = log.text();
        for (String[] secret : List.of(new String[] {"the auth message's token", token}, new String[] {"the URL's token", urlToken})) {
            String[] parts = secret[1].split("\\.");
            boolean leaked = logged.contains(secret[1]) || logged.contains(parts[1]) || logged.contains(parts[2]);
            ctx.require(!leaked, "no token in the server's log", "the log holds " + secret[0] + " (or its payload or signature): "
                    + lineWith(logged, parts[2], parts[1]));
        }
        ctx.require(!logged.contains(text), "no message text in the server's log",
                "the log holds the text of alice's post: " + lineWith(logged, text, text));
    }

    /** A token forged as {@code forgery}, as the first message: the server must close with 1008, and welcome no one. */
    static void requireRefused(CheckContext ctx, LabIssuer.Forgery forgery) throws IOException {
        try (SecureClient c = SecureClient.upgraded(ctx, "mallory", SecurityContract.ALLOWED_ORIGIN)) {
            c.send(SecurityContract.auth(LabIssuer.forged(forgery, "alice", ctx.env().clock().instant())));
            SecureClient.Incoming in = c.next();
            ctx.require(in.kind() == SecureClient.Kind.CLOSE && in.code() == SecurityContract.CLOSE_POLICY,
                    "a close with 1008 for a token " + forgery.description,
                    in.kind() == SecureClient.Kind.TEXT && SecurityContract.typeOf(in.text()).orElse("").equals(SecurityContract.WELCOME)
                            ? "it welcomed the token: " + in.text() : "it sent " + in.describe());
        }
    }

    /**
     * After a post that must have gone nowhere: alice posts to the lobby, and the first thing bob
     * (a member) receives is that later post, so the earlier one did not reach him.
     */
    static void requireOnlyLaterPostArrives(CheckContext ctx, SecureClient alice, SecureClient bob, String what) throws IOException {
        String later = "posted by alice afterwards";
        alice.send(SecurityContract.post("lobby", later));
        SecureClient.Incoming in = bob.next();
        ctx.require(in.kind() == SecureClient.Kind.TEXT && SecurityContract.matches(in.text(), Expected.message("lobby", "alice", later)),
                "bob, a member of the lobby, receives alice's later post first: " + what + " reached no one",
                "bob received " + in.describe());
    }

    private static String lineWith(String log, String a, String b) {
        return log.lines().filter(l -> l.contains(a) || l.contains(b)).findFirst().map(l -> l.length() > 160 ? l.substring(0, 160) + "..." : l)
                .orElse("(in a line)");
    }
}
