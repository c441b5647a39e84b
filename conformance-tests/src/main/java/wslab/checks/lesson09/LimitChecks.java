package wslab.checks.lesson09;

import java.io.IOException;
import java.time.Duration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import wslab.api.SecurityContract;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.AcceptKeys;
import wslab.wire.Frame;
import wslab.wire.HttpResponseHead;
import wslab.wire.Opcode;

/**
 * Lesson 09, abuse: message size enforced while reading, a rate limit, a cap on connections per
 * address, and deadlines for idle connections and for handshakes trickled byte by byte
 * (slowloris), while the server goes on serving everyone else.
 */
@LessonChecks("09")
class LimitChecks {

    static final String DOS = "OWASP WebSocket cheat sheet: Denial-of-Service Protection";
    static final long TOLERANCE_MS = AuthChecks.TOLERANCE_MS;
    static final long EARLY_MS = AuthChecks.EARLY_MS;
    /** How often 09.48's client pings: six times within the idle timeout. */
    static final long PING_EVERY_MS = 500;
    static final int MAX = SecurityContract.MAX_MESSAGE_BYTES;

    @Check(id = "09.38", spec = DOS + " (message size limits); lesson 09 contract",
            title = "A message of exactly 8192 bytes, the limit, is taken")
    void takesAMessageAtTheLimit(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            int overhead = SecurityContract.post("lobby", "").length();
            String text = "x".repeat(MAX - overhead);
            String post = SecurityContract.post("lobby", text);
            ctx.transcript().note("a post of " + post.length() + " bytes");
            alice.send(post);
            alice.expect(Expected.message("lobby", "alice", text), "alice's post of exactly " + MAX + " bytes");
        }
    }

    @Check(id = "09.39", points = 2, spec = "RFC 6455 §10.4, §7.4.1 (1009); " + DOS,
            title = "A frame that announces 1 GiB, sent slowly, is closed with 1009 within 1 s of its header, before its payload is buffered")
    void refusesAHugeFrameFromItsHeader(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            byte[] head = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0x40, 0, 0, 0, 0x11, 0x22, 0x33, 0x44};
            alice.sendRaw(head);
            long start = ctx.nanoTime();
            long bound = 1000 + ctx.slackMillis(1000);
            byte[] chunk = new byte[512];
            long sent = 0;
            while ((ctx.nanoTime() - start) / 1_000_000 <= bound + 500) {
                SecureClient.Incoming in = alice.next(100);
                if (in.kind() == SecureClient.Kind.CLOSE) {
                    long after = (in.atNanos() - start) / 1_000_000;
                    ctx.require(in.code() == SecurityContract.CLOSE_TOO_BIG, "a close with 1009 for a frame announcing 1 GiB",
                            "it closed with " + in.code());
                    ctx.require(after <= bound, "the close within " + bound + " ms of the frame's header",
                            "it came after " + after + " ms, when the suite had sent " + sent + " bytes of the payload");
                    return;
                }
                ctx.require(in.kind() == SecureClient.Kind.SILENT, "a close with 1009 for a frame announcing 1 GiB",
                        "it sent " + in.describe() + " after " + sent + " bytes of the payload");
                try {
                    alice.sendRaw(chunk);
                    sent += chunk.length;
                } catch (IOException e) {
                    ctx.transcript().note("the server stopped taking the payload: " + e.getMessage());
                }
            }
            ctx.require(false, "a close with 1009 within " + bound + " ms of a header announcing 1 GiB",
                    "none came; the suite had sent " + sent + " bytes of the payload, 512 every 100 ms: the server waits to buffer it all");
        }
    }

    @Check(id = "09.40", spec = "RFC 6455 §5.4, §10.4, §7.4.1 (1009); " + DOS,
            title = "A message whose fragments add up to more than 8192 bytes is closed with 1009 before its last fragment")
    void refusesTooManyFragments(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            byte[] piece = new byte[1024];
            Arrays.fill(piece, (byte) 'a');
            int crossing = MAX / piece.length + 1;
            long crossedAt = -1;
            for (int i = 1; i <= 16; i++) {
                alice.send(new Frame(false, 0, i == 1 ? Opcode.TEXT : Opcode.CONTINUATION, true, piece));
                if (i == crossing) {
                    crossedAt = ctx.nanoTime();
                }
                SecureClient.Incoming in = alice.next(50);
                if (in.kind() == SecureClient.Kind.CLOSE) {
                    ctx.require(in.code() == SecurityContract.CLOSE_TOO_BIG, "a close with 1009 for a message over " + MAX + " bytes",
                            "it closed with " + in.code());
                    ctx.require(i >= crossing, "no close before the message passes " + MAX + " bytes",
                            "it closed after " + i * piece.length + " bytes");
                    long after = (in.atNanos() - crossedAt) / 1_000_000;
                    long bound = 500 + ctx.slackMillis(1000);
                    ctx.require(after <= bound, "the close within " + bound + " ms of the fragment that passed the limit",
                            "it came " + after + " ms after it");
                    return;
                }
                ctx.require(in.kind() == SecureClient.Kind.SILENT, "a close with 1009 once the fragments pass " + MAX + " bytes",
                        "it sent " + in.describe() + " after " + i * piece.length + " bytes");
            }
            ctx.require(false, "a close with 1009 once the fragments pass " + MAX + " bytes",
                    "none came after " + 16 * piece.length + " bytes in 16 fragments: the server waits for the last fragment");
        }
    }

    @Check(id = "09.41", points = 2, spec = DOS + " (rate limiting); lesson 09 contract",
            title = "40 posts sent at once are cut off with 1008 after at most 20 + 10 per second of them")
    void limitsTheRate(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            long start = ctx.nanoTime();
            for (int i = 0; i < 40; i++) {
                alice.send(SecurityContract.post("lobby", "burst " + i));
            }
            long sending = (ctx.nanoTime() - start) / 1_000_000;
            int delivered = 0;
            while (true) {
                SecureClient.Incoming in = alice.next();
                if (in.kind() == SecureClient.Kind.TEXT) {
                    delivered++;
                    continue;
                }
                ctx.require(in.kind() == SecureClient.Kind.CLOSE && in.code() == SecurityContract.CLOSE_POLICY,
                        "a close with 1008 once the rate limit is passed",
                        "after " + delivered + " of the 40 posts it sent " + in.describe());
                break;
            }
            long allowed = SecurityContract.RATE_BURST + (long) Math.ceil(SecurityContract.RATE_PER_SECOND
                    * (sending + ctx.slackMillis(1000)) / 1000.0);
            ctx.require(delivered <= allowed, "at most " + allowed + " posts delivered before the close ("
                    + SecurityContract.RATE_BURST + " at once, " + SecurityContract.RATE_PER_SECOND + " per second after)",
                    delivered + " were delivered");
        }
    }

    @Check(id = "09.42", spec = DOS + " (rate limiting); lesson 09 contract",
            title = "A client within the rate (15 posts at once, then 8 a second for 2 s) is never cut off")
    void letsANormalClientPost(CheckContext ctx) throws IOException, InterruptedException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            for (int i = 0; i < 15; i++) {
                alice.send(SecurityContract.post("lobby", "at once " + i));
            }
            for (int i = 0; i < 15; i++) {
                alice.expect(Expected.message("lobby", "alice", "at once " + i), "post " + (i + 1) + " of 15 sent at once");
            }
            long start = ctx.nanoTime();
            for (int i = 0; i < 16; i++) {
                long due = start + i * 125_000_000L;
                long wait = due - ctx.nanoTime();
                if (wait > 0) {
                    ctx.sleep(Duration.ofNanos(wait));
                }
                alice.send(SecurityContract.post("lobby", "paced " + i));
                alice.expect(Expected.message("lobby", "alice", "paced " + i), "paced post " + (i + 1) + " of 16, at 8 a second");
            }
        }
    }

    @Check(id = "09.43", points = 2, spec = DOS + " (limit connections); lesson 09 contract",
            title = "A 6th connection from one address is refused before any 101; once one of the 5 closes, a new one is taken")
    void capsConnectionsPerAddress(CheckContext ctx) throws IOException, InterruptedException {
        List<SecureClient> open = new ArrayList<>();
        for (int i = 0; i < SecurityContract.MAX_CONNECTIONS_PER_ADDRESS; i++) {
            open.add(SecureClient.signedIn(ctx, "alice"));
        }
        String sixth = tryUpgrade(ctx);
        ctx.require(!sixth.equals("101"), "no 101 for a 6th connection from 127.0.0.1 while 5 are open",
                "it was upgraded: the server takes any number of connections from one address");
        ctx.transcript().note("the 6th connection: " + sixth);
        SecureClient first = open.get(0);
        first.send(Frame.close(1000, new byte[0]));
        first.expectClose(1000, "the close handshake of one of the 5");
        first.close();
        long start = ctx.nanoTime();
        long bound = 500 + ctx.slackMillis(1000);
        String again;
        do {
            again = tryUpgrade(ctx);
            if (!again.equals("101")) {
                ctx.sleep(Duration.ofMillis(50));
            }
        } while (!again.equals("101") && (ctx.nanoTime() - start) / 1_000_000 <= bound);
        ctx.require(again.equals("101"), "a new connection upgraded within " + bound + " ms of one of the 5 closing",
                "it was still refused (" + again + "): the server counts connections that have gone");
    }

    @Check(id = "09.44", spec = DOS + " (idle timeouts); lesson 09 contract",
            title = "A connection with no message for 3 s is closed with 1001, not before")
    void closesAnIdleConnection(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.upgraded(ctx, "alice", SecurityContract.ALLOWED_ORIGIN)) {
            alice.send(SecurityContract.auth(LabIssuer.token("alice", ctx.env().clock().instant())));
            long start = ctx.nanoTime();
            alice.expect(SecurityContract.welcome("alice"), "alice's welcome");
            long idle = SecurityContract.IDLE_TIMEOUT.toMillis();
            long closed = alice.expectClose(SecurityContract.CLOSE_IDLE, "no message for " + idle + " ms", idleBound(ctx) + 1000);
            requireTheIdleCloseOnTime(ctx, start, closed);
        }
    }

    /** The latest an idle close may come: the timeout, the tolerance of a timer tick, and the real clock's slack. */
    private static long idleBound(CheckContext ctx) {
        return SecurityContract.IDLE_TIMEOUT.toMillis() + TOLERANCE_MS + ctx.slackMillis(1000);
    }

    /** A close at {@code closedNanos} for idleness since {@code start}: not before the timeout, nor after {@link #idleBound}. */
    private static void requireTheIdleCloseOnTime(CheckContext ctx, long start, long closedNanos) {
        long idle = SecurityContract.IDLE_TIMEOUT.toMillis();
        long bound = idleBound(ctx);
        long after = (closedNanos - start) / 1_000_000;
        ctx.require(after >= idle - EARLY_MS, "no close before " + idle + " ms without a message", "it closed after " + after + " ms");
        ctx.require(after <= bound, "the close within " + bound + " ms of the last message", "it came after " + after + " ms");
    }

    @Check(id = "09.48", spec = DOS + " (idle timeouts); lesson 09 contract (pings and pongs do not count)",
            title = "A client that only pings is idle: with a ping every 500 ms and no message, it is closed with 1001 after 3 s")
    void pingsDoNotKeepAConnectionOpen(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.upgraded(ctx, "alice", SecurityContract.ALLOWED_ORIGIN)) {
            alice.send(SecurityContract.auth(LabIssuer.token("alice", ctx.env().clock().instant())));
            long start = ctx.nanoTime();
            alice.expect(SecurityContract.welcome("alice"), "alice's welcome");
            long idle = SecurityContract.IDLE_TIMEOUT.toMillis();
            long bound = idleBound(ctx);
            int pings = 0;
            SecureClient.Incoming in;
            do {
                alice.send(Frame.of(Opcode.PING, ("ping " + ++pings).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                // The pongs are read and passed over; only a message, a close or the end stops the wait.
                in = alice.next(PING_EVERY_MS);
            } while (in.kind() == SecureClient.Kind.SILENT && (ctx.nanoTime() - start) / 1_000_000 <= bound + 1000);
            ctx.transcript().note(pings + " pings sent, " + PING_EVERY_MS + " ms apart");
            ctx.require(in.kind() == SecureClient.Kind.CLOSE && in.code() == SecurityContract.CLOSE_IDLE,
                    "a close with " + SecurityContract.CLOSE_IDLE + ": " + idle + " ms without a message, pings only",
                    in.kind() == SecureClient.Kind.SILENT ? "the connection was still open after " + pings + " pings, "
                            + (ctx.nanoTime() - start) / 1_000_000 + " ms: the pings kept it alive" : "it received " + in.describe());
            requireTheIdleCloseOnTime(ctx, start, in.atNanos());
        }
    }

    @Check(id = "09.45", points = 2, spec = DOS + "; lesson 09 contract (one deadline for TLS and the request head)", faults = "slicer",
            title = "A TLS handshake trickled one byte a second is dropped within the 2 s handshake deadline, and others are served meanwhile")
    void dropsASlowTlsHandshake(CheckContext ctx) throws IOException, InterruptedException {
        ctx.faults().toxics().slicer("one_byte_a_second", ToxicDirection.UPSTREAM, 1, 0).setDelay(1_000_000);
        ctx.transcript().note("toxic: slicer upstream, 1 byte every 1 s");
        TcpConnection slow = ctx.closeAtEnd(SecureClient.tcp(ctx, true));
        requireDroppedWhileOthersAreServed(ctx, ctx.nanoTime(), "its TLS ClientHello, one byte a second", () -> {
            SecureClient.TlsAttempt attempt = SecureClient.attemptTls(ctx, slow);
            return attempt.ok() ? "the TLS handshake completed" : attempt.failure();
        });
    }

    @Check(id = "09.46", points = 2, spec = DOS + "; lesson 09 contract (one deadline for TLS and the request head)", faults = "slicer",
            title = "A request head trickled one byte a second after TLS is dropped within the 2 s handshake deadline, and others are served meanwhile")
    void dropsASlowRequestHead(CheckContext ctx) throws IOException, InterruptedException {
        TcpConnection tcp = ctx.closeAtEnd(SecureClient.tcp(ctx, true));
        long connected = ctx.nanoTime();
        SecureClient slow = SecureClient.over(ctx, "a slow client", SecureClient.tls(ctx, tcp));
        ctx.faults().toxics().slicer("one_byte_a_second", ToxicDirection.UPSTREAM, 1, 0).setDelay(1_000_000);
        ctx.transcript().note("toxic: slicer upstream, 1 byte every 1 s, after the TLS handshake");
        requireDroppedWhileOthersAreServed(ctx, connected, "its request head, one byte a second inside TLS", () -> {
            Optional<HttpResponseHead> head = slow.handshake(slow.request(AcceptKeys.newKey(ctx.random()), SecurityContract.ALLOWED_ORIGIN));
            return head.map(h -> "it answered " + h.statusLine()).orElse("the server closed the connection");
        });
    }

    /** What a slow client's attempt ends with, in words. */
    @FunctionalInterface
    interface SlowAttempt {
        String run() throws IOException;
    }

    /**
     * Runs {@code attempt} on its own thread (its reads block until the server acts); meanwhile,
     * half a second in, a normal client signs in and posts. The slow connection must end without
     * a 101 within the deadline, counted from its TCP connect, and not before; the normal client
     * must be done while the slow one is still held.
     */
    static void requireDroppedWhileOthersAreServed(CheckContext ctx, long start, String what, SlowAttempt attempt)
            throws IOException, InterruptedException {
        Signal done = ctx.newSignal();
        AtomicLong endedAt = new AtomicLong(-1);
        AtomicReference<String> outcome = new AtomicReference<>();
        ctx.env().startThread("slow-client", () -> {
            String result;
            try {
                result = attempt.run();
            } catch (IOException | RuntimeException e) {
                result = "the connection failed: " + e.getMessage();
            }
            outcome.set(result);
            endedAt.set(ctx.nanoTime());
            done.signalAll();
        });
        long meanwhile = 500 - (ctx.nanoTime() - start) / 1_000_000;
        if (meanwhile > 0) {
            ctx.sleep(Duration.ofMillis(meanwhile));
        }
        try (SecureClient other = SecureClient.signedIn(ctx, "alice")) {
            other.send(SecurityContract.post("lobby", "served meanwhile"));
            other.expect(Expected.message("lobby", "alice", "served meanwhile"), "another client's post while the slow one trickles");
        }
        long servedAt = ctx.nanoTime();
        long deadline = SecurityContract.HANDSHAKE_TIMEOUT.toMillis();
        long bound = deadline + TOLERANCE_MS + ctx.slackMillis(1000);
        ctx.require(endedAt.get() < 0 || endedAt.get() > servedAt,
                "another client served while the slow one was still held open",
                "the other client was done only after " + (servedAt - start) / 1_000_000 + " ms, when the slow connection had ended: "
                        + "the server served no one else meanwhile");
        done.await(() -> endedAt.get() >= 0, Duration.ofMillis(bound + 1000));
        ctx.require(endedAt.get() >= 0, "the slow connection (" + what + ") dropped within " + bound + " ms",
                "it was still open after " + (bound + 1000) + " ms");
        long after = (endedAt.get() - start) / 1_000_000;
        ctx.transcript().note("the slow connection ended after " + after + " ms: " + outcome.get());
        ctx.require(!outcome.get().startsWith("it answered 101") && !outcome.get().equals("the TLS handshake completed"),
                "no handshake completed for " + what, outcome.get());
        ctx.require(after <= bound, "the slow connection dropped within " + bound + " ms of its connect", "it ended after " + after + " ms");
        ctx.require(after >= deadline - EARLY_MS, "no drop before the " + deadline + " ms deadline: a slow network deserves it",
                "it ended after " + after + " ms");
    }

    /** A fresh connection's upgrade: "101", or how it was refused. */
    static String tryUpgrade(CheckContext ctx) throws IOException {
        TcpConnection tcp = SecureClient.tcp(ctx, false);
        SecureClient.TlsAttempt attempt = SecureClient.attemptTls(ctx, tcp);
        if (!attempt.ok()) {
            return "refused during TLS: " + attempt.failure();
        }
        SecureClient c = SecureClient.over(ctx, "another connection", attempt.tls());
        Optional<HttpResponseHead> head = c.handshake(c.request(AcceptKeys.newKey(ctx.random()), SecurityContract.ALLOWED_ORIGIN));
        if (head.isEmpty()) {
            c.close();
            return "closed without an answer";
        }
        if (head.get().status() != 101) {
            c.close();
            return "answered " + head.get().statusLine();
        }
        return "101";
    }

}
