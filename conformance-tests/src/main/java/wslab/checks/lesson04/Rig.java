package wslab.checks.lesson04;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import wslab.api.ClientEvents;
import wslab.api.LabClient;
import wslab.api.Signal;
import wslab.faults.FaultLink;
import wslab.grader.CheckContext;

/**
 * One lesson 04 scene: the suite's server, the fault link in front of it, and the client under
 * test connected through the link. Faults are Toxiproxy toxics on the link. Everything runs in the
 * check's stage, so on virtual time the scene's waits and sleeps take no real time.
 */
final class Rig implements AutoCloseable {

    /** A connection end as the client reported it to its application. */
    record Closed(int code, String reason) {
    }

    static final String OUTAGE = "outage";
    static final String BLACK_HOLE = "black_hole";

    final CheckContext ctx;
    final PlayServer server;
    final FaultLink link;
    final List<Closed> closed = new CopyOnWriteArrayList<>();
    private final Signal reported;
    private LabClient client;
    volatile boolean gaveUp;

    private Rig(CheckContext ctx, PlayServer server, FaultLink link) {
        this.ctx = ctx;
        this.server = server;
        this.link = link;
        this.reported = ctx.newSignal();
    }

    static Rig open(CheckContext ctx) throws IOException {
        PlayServer server = new PlayServer(ctx.env(), ctx.transcript(), ctx.random(), ctx::targetGone);
        try {
            return new Rig(ctx, server, ctx.faultsTo(server.host(), server.port()));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The bound plus the allowance for a busy machine (none on virtual time). */
    long slack() {
        return ctx.slackMillis(ReconnectChecks.SLACK_MS);
    }

    /** Starts the client under test against the link. */
    LabClient start() throws IOException {
        URI url = PlayServer.url(link.host(), link.port());
        client = ctx.startClient(url, new ClientEvents() {
            @Override
            public void closed(int code, String reason) {
                closed.add(new Closed(code, reason));
                ctx.transcript().note("client reported: closed " + code + " '" + reason + "'");
                reported.signalAll();
            }

            @Override
            public void gaveUp() {
                gaveUp = true;
                ctx.transcript().note("client reported: gave up");
                reported.signalAll();
            }
        });
        return client;
    }

    LabClient client() {
        return client;
    }

    /** Waits for connection {@code n} to open; fails the check if it does not. */
    PlayServer.Attempt awaitOpen(int n, long millis, String why) throws InterruptedException {
        boolean ok = server.expect(a -> a.size() >= n && a.get(n - 1).opened(), millis);
        ctx.require(ok, why, server.count() < n
                ? "connection #" + n + " never arrived in " + millis + " ms (" + server.count() + " so far)"
                : "connection #" + n + " arrived but its handshake did not complete");
        return server.attempts().get(n - 1);
    }

    /**
     * The first connection that opens. Not necessarily attempt #1: an attempt that fails at once
     * (a TCP connection that ends before its request, as a busy JDK client sometimes makes) is
     * followed by a retry, which is right.
     */
    PlayServer.Attempt awaitFirstOpen(long millis, String why) throws InterruptedException {
        boolean ok = server.expect(a -> a.stream().anyMatch(PlayServer.Attempt::opened), millis);
        ctx.require(ok, why, server.count() == 0 ? "no connection arrived in " + millis + " ms"
                : server.count() + " connections arrived in " + millis + " ms, and no handshake completed");
        return server.attempts().stream().filter(PlayServer.Attempt::opened).findFirst().orElseThrow();
    }

    /** The first connection: opens, and has stayed up long enough to count as stable. */
    PlayServer.Attempt awaitStable() throws InterruptedException {
        return awaitStable(awaitFirstOpen(10_000, "the client to connect within 10 s of start"));
    }

    /**
     * Waits until {@code open} counts as stable for the client: open {@link ReconnectChecks#STABLE_MS}
     * and a heartbeat answered after that, seen at the client's next heartbeat tick.
     */
    PlayServer.Attempt awaitStable(PlayServer.Attempt open) throws InterruptedException {
        sleepUntil(open.openedNanos() + (ReconnectChecks.STABLE_MS + ReconnectChecks.HEARTBEAT_MS + slack()) * 1_000_000);
        return open;
    }

    /** Waits for {@code a} to end, as the server saw it. */
    boolean awaitEnd(PlayServer.Attempt a, long millis) throws InterruptedException {
        return server.await(x -> a.ended(), millis);
    }

    /** Starts the client, lets its first connection prove itself, then cuts it and every retry. */
    PlayServer.Attempt startThenOutage() throws IOException, InterruptedException {
        start();
        PlayServer.Attempt first = awaitStable();
        outage();
        return first;
    }

    /** Every connection is reset as soon as it carries data: an outage the client cannot get through. */
    void outage() throws IOException {
        link.toxics().resetPeer(OUTAGE, ToxicDirection.DOWNSTREAM, 0);
        ctx.transcript().note("toxic: reset_peer downstream timeout=0 (outage: every connection reset when the server answers)");
    }

    void endOutage() throws IOException {
        link.toxics().get(OUTAGE).remove();
        ctx.transcript().note("toxic removed: outage over");
    }

    /** Bytes in {@code direction} vanish: no data, no FIN, no RST. */
    void blackHole(ToxicDirection direction) throws IOException {
        link.toxics().timeout(BLACK_HOLE, direction, 0);
        ctx.transcript().note("toxic: timeout " + direction.name().toLowerCase() + " timeout=0 (black hole)");
    }

    /**
     * Cuts the open connection once: the link goes down (Toxiproxy's disabled proxy closes every
     * connection and refuses new ones) and comes straight back, so the client's first retry gets in.
     */
    void dropOnce(PlayServer.Attempt open) throws IOException, InterruptedException {
        link.proxy().disable();
        ctx.transcript().note("link down: proxy disabled, its connections closed");
        boolean ended = awaitEnd(open, 5_000);
        link.proxy().enable();
        ctx.transcript().note("link up again");
        ctx.require(ended, "the open connection cut when the link went down", "the server still saw it open after 5 s");
    }

    /**
     * Waits for the client to be back: some connection numbered {@code from} or later open and
     * in use (something arrived on it). Not a fixed number: a retry that raced the end of an
     * outage may have been cut too.
     */
    PlayServer.Attempt awaitBack(int from, long millis, String why) throws InterruptedException {
        Predicate<PlayServer.Attempt> back = a -> a.number >= from && a.isOpenNow() && a.framesReceived > 0;
        boolean ok = server.expect(all -> all.stream().anyMatch(back), millis);
        ctx.require(ok, why, "no connection from #" + from + " on was open and in use after " + millis + " ms ("
                + server.count() + " connections so far)");
        return server.attempts().stream().filter(back).findFirst().orElseThrow();
    }

    /** The first connection end the client reported, if one comes within {@code millis}. */
    Optional<Closed> awaitClosed(long millis) throws InterruptedException {
        reported.await(() -> !closed.isEmpty(), Duration.ofMillis(millis));
        return closed.isEmpty() ? Optional.empty() : Optional.of(closed.get(0));
    }

    /** Sleeps until an instant of the stage's clock: the scenario's own timing, not a wait for an event. */
    void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - ctx.nanoTime();
        if (left > 0) {
            ctx.sleep(Duration.ofNanos(left));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
