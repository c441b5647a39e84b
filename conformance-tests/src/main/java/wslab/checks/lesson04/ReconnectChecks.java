package wslab.checks.lesson04;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import wslab.api.ClientContract;
import wslab.api.LabClient;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;

/**
 * Lesson 04: a client that stays connected. The suite plays the server behind a fault link and
 * judges the client from what reaches the server: when each connection attempt arrives, what
 * each connection carries. The numbers are {@link ClientContract}'s; every upper bound gets
 * {@link #SLACK_MS} for a loaded 2-core machine.
 */
@LessonChecks("04")
class ReconnectChecks {

    static final long SLACK_MS = 400;
    static final long HEARTBEAT_MS = ClientContract.HEARTBEAT_INTERVAL.toMillis();
    static final long HEARTBEAT_TIMEOUT_MS = ClientContract.HEARTBEAT_TIMEOUT.toMillis();
    static final long CONNECT_TIMEOUT_MS = ClientContract.CONNECT_TIMEOUT.toMillis();
    static final long STABLE_MS = ClientContract.STABLE_AFTER.toMillis();
    static final long CAP_MS = ClientContract.BACKOFF_CAP.toMillis();
    static final int MAX_ATTEMPTS = ClientContract.MAX_ATTEMPTS;
    /** A delay above this is more than any base-only (never growing) schedule plus overheads gives. */
    static final long GROWN_MS = ClientContract.BACKOFF_BASE.toMillis() + 150;

    @Check(id = "04.1", spec = "lesson 04 contract (on open)",
            title = "A started client connects and sends each subscription once, in order, before anything else")
    void subscribesFirst(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            LabClient client = rig.start();
            client.subscribe("prices");
            client.subscribe("news");
            client.send("hello");
            PlayServer.Attempt first = rig.awaitFirstOpen(10_000, "the client to connect within 10 s of start");
            List<String> expected = List.of(ClientContract.subscribeMessage("prices"), ClientContract.subscribeMessage("news"), "hello");
            rig.server.expect(a -> first.messages().size() >= 3, 3_000);
            // Heartbeats are 04.2's business: on a slow machine the first may come before the calls above.
            List<String> got = first.messages();
            ctx.require(Messages.same(expected, got),
                    "on connection #1, " + expected + " (heartbeats aside): each subscription once, in order, before"
                            + " anything the application sent",
                    got.isEmpty() ? "nothing but heartbeats arrived in 3 s" : "it sent " + first.texts());
        }
    }

    @Check(id = "04.2", spec = "lesson 04 contract (heartbeat); lesson 03",
            title = "While open, the client sends the application heartbeat at least every 500 ms")
    void sendsHeartbeats(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.start();
            PlayServer.Attempt first = rig.awaitFirstOpen(10_000, "the client to connect within 10 s of start");
            long watchMs = 3_000;
            rig.sleepUntil(first.openedNanos() + watchMs * 1_000_000);
            List<Long> beats = first.heartbeatNanos();
            List<Long> gaps = new ArrayList<>();
            long previous = first.openedNanos();
            for (long beat : beats) {
                gaps.add((beat - previous) / 1_000_000);
                previous = beat;
            }
            gaps.add((ctx.nanoTime() - previous) / 1_000_000);
            long widest = gaps.stream().mapToLong(Long::longValue).max().orElse(watchMs);
            long fewest = watchMs / HEARTBEAT_MS - 1;
            ctx.require(beats.size() >= fewest, "at least " + fewest + " heartbeats in " + watchMs + " ms (one per "
                            + HEARTBEAT_MS + " ms)", beats.size() + " heartbeats; gaps " + gaps + " ms");
            ctx.require(widest <= HEARTBEAT_MS + rig.slack(),
                    ClientContract.HEARTBEAT + " at least every " + HEARTBEAT_MS + " ms (+" + rig.slack() + " ms slack) over "
                            + watchMs + " ms",
                    beats.isEmpty() ? "no heartbeat in " + watchMs + " ms"
                            : beats.size() + " heartbeats; the longest gap was " + widest + " ms (gaps " + gaps + ")");
        }
    }

    @Check(id = "04.3", points = 2, spec = "lesson 04 contract (heartbeat timeout); RFC 9293 §3.8.4 (half-open)",
            faults = "timeout",
            title = "A dead link (the server's bytes vanish, no FIN) is noticed by the heartbeat timeout and a new connection attempted")
    void noticesADeadLink(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.start();
            PlayServer.Attempt first = rig.awaitStable();
            long cut = ctx.nanoTime();
            rig.blackHole(ToxicDirection.DOWNSTREAM);
            long bound = HEARTBEAT_TIMEOUT_MS + HEARTBEAT_MS + RetrySchedule.ceilingMs(1) + rig.slack();
            boolean retried = rig.server.expect(a -> a.size() > first.number, bound);
            ctx.require(retried, "a new connection attempt within " + bound + " ms of the link going dead ("
                            + HEARTBEAT_TIMEOUT_MS + " ms timeout + one " + HEARTBEAT_MS + " ms tick + first backoff + slack)",
                    "none came: nothing arrived from the server for " + bound + " ms and the client did not notice;"
                            + " TCP alone never tells a half-open link from a quiet one");
            long after = (rig.server.attempts().get(first.number).acceptedNanos - cut) / 1_000_000;
            // The last answer may have arrived up to one heartbeat interval before the cut.
            long earliest = HEARTBEAT_TIMEOUT_MS - HEARTBEAT_MS - 200;
            ctx.should(after >= earliest, "no reconnect before the " + HEARTBEAT_TIMEOUT_MS + " ms of silence (at least "
                            + earliest + " ms after the cut)",
                    "the new attempt came " + after + " ms after the link went dead");
        }
    }

    @Check(id = "04.4", points = 2, spec = "lesson 04 contract (heartbeat timeout)", faults = "latency",
            title = "A slow but live link (300 ± 50 ms each way) is not given up")
    void keepsASlowLink(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.link.toxics().latency("slow_up", ToxicDirection.UPSTREAM, 300).setJitter(50);
            rig.link.toxics().latency("slow_down", ToxicDirection.DOWNSTREAM, 300).setJitter(50);
            rig.start();
            PlayServer.Attempt first = rig.awaitFirstOpen(10_000, "the client to connect over the slow link within 10 s");
            long watchMs = 5_000;
            boolean givenUp = rig.server.await(a -> first.ended() || a.size() > first.number,
                    watchMs - (ctx.nanoTime() - first.openedNanos()) / 1_000_000);
            ctx.require(!givenUp,
                    "one connection, open for " + watchMs + " ms: a round trip of 600 ms is slow, not dead",
                    first.ended() ? "the client dropped it after " + ((first.endedNanos - first.openedNanos()) / 1_000_000)
                            + " ms and made " + (rig.server.count() - 1) + " more attempts"
                            : "a second connection came while the first was still open");
        }
    }

    @Check(id = "04.5", points = 2, spec = "lesson 04 contract (backoff)", faults = "reset_peer",
            title = "Reconnect delays grow exponentially and never exceed their ceiling min(2 s, 250 ms · 2^(n-1))")
    void backsOffExponentiallyUnderACap(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            PlayServer.Attempt first = rig.startThenOutage();
            RetrySchedule s = RetrySchedule.observe(rig, first, 1, MAX_ATTEMPTS);
            ctx.require(s.missing == null, "every retry within its ceiling + " + rig.slack() + " ms",
                    s.missing + "; delays so far: " + s.describe());
            for (int i = 0; i < s.delaysMs.size(); i++) {
                ctx.require(s.delaysNanos.get(i) <= (s.ceilingOf(i) + rig.slack()) * 1_000_000,
                        "each delay at most its ceiling min(" + CAP_MS + ", 250·2^(n-1)) ms + " + rig.slack() + " ms",
                        "attempt " + (i + 1) + " waited " + s.delaysNanos.get(i) / 1e6 + " ms; delays: " + s.describe());
            }
            ctx.require(s.delaysMs.stream().skip(2).anyMatch(d -> d > GROWN_MS),
                    "delays that grow: some delay from attempt 3 on above " + GROWN_MS + " ms",
                    "they never grew: " + s.describe());
        }
    }

    /** 04.6 watches this many outages of this many retries each: the short delays, so it costs little. */
    static final int JITTER_OUTAGES = 6;
    static final int JITTER_RETRIES = 3;

    @Check(id = "04.6", points = 2, spec = "lesson 04 contract (full jitter)", faults = "reset_peer",
            title = "Reconnect delays use full jitter: drawn from all of [0, ceiling], not a fixed or half-fixed schedule")
    void jittersTheDelays(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.start();
            PlayServer.Attempt open = rig.awaitStable();
            JitterShares shares = new JitterShares();
            List<String> outages = new ArrayList<>();
            for (int outage = 1; outage <= JITTER_OUTAGES && !shares.certainToFail(); outage++) {
                rig.outage();
                RetrySchedule s = RetrySchedule.observe(rig, open, 1, JITTER_RETRIES);
                ctx.require(s.missing == null, JITTER_RETRIES + " retries in outage " + outage + " to judge the jitter by",
                        s.missing + "; delays: " + s.describe());
                for (int i = 0; i < s.delaysNanos.size(); i++) {
                    shares.add(s.delaysNanos.get(i) / (s.ceilingOf(i) * 1e6));
                }
                outages.add(s.describe());
                PlayServer.Attempt last = rig.server.attempts().get(open.number + JITTER_RETRIES - 1);
                rig.awaitEnd(last, 5_000);
                rig.endOutage();
                if (outage < JITTER_OUTAGES && !shares.certainToFail()) {
                    open = rig.awaitStable(rig.awaitBack(last.number, CAP_MS + HEARTBEAT_MS + 3 * rig.slack(),
                            "the client back after outage " + outage));
                }
            }
            String wrong = shares.whatIsWrong();
            ctx.require(wrong == null, "full jitter: " + JitterShares.SAMPLES + " delays spread over [0, ceiling]"
                            + " (some below half the ceiling, some above, Kolmogorov-Smirnov distance from uniform under "
                            + JitterShares.MAX_DISTANCE + "; a full-jitter client misses once in about 100,000 runs)",
                    wrong + (shares.size() < JitterShares.SAMPLES ? ", certain after " + shares.size() + " delays" : "")
                            + ". Delays as shares of their ceilings: " + shares.describe() + " (" + String.join("; ", outages)
                            + "). Clients that lost this server together come back together.");
        }
    }

    @Check(id = "04.7", spec = "lesson 04 contract (max attempts)", faults = "reset_peer",
            title = "After 8 failed attempts in a row the client gives up")
    void givesUp(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            PlayServer.Attempt first = rig.startThenOutage();
            RetrySchedule s = RetrySchedule.observe(rig, first, 1, MAX_ATTEMPTS);
            ctx.require(s.missing == null, MAX_ATTEMPTS + " attempts before giving up",
                    s.missing + " (" + s.delaysMs.size() + " attempts: " + s.describe() + ")");
            PlayServer.Attempt last = rig.server.attempts().get(first.number + MAX_ATTEMPTS - 1);
            rig.awaitEnd(last, 5_000);
            long quietMs = CAP_MS + 2 * rig.slack();
            int before = rig.server.count();
            boolean more = rig.server.await(a -> a.size() > before, quietMs);
            ctx.require(!more, "no attempt after the " + MAX_ATTEMPTS + "th failed one (watched for " + quietMs + " ms)",
                    "attempt " + (MAX_ATTEMPTS + 1) + " came: a client that never gives up keeps a dead server's"
                            + " clients busy for ever, and never tells its user");
            ctx.should(rig.gaveUp, "the application told that the client gave up (ClientEvents.gaveUp, 'gave-up' on stdout)",
                    "it was not told, so it cannot offer the user a way to try again");
        }
    }

    @Check(id = "04.8", points = 2, spec = "lesson 04 contract (connect timeout)", faults = "timeout",
            title = "An attempt into a black hole (TCP accepted, handshake never answered) is abandoned after the 1 s connect timeout")
    void abandonsABlackHoledAttempt(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.blackHole(ToxicDirection.UPSTREAM);
            rig.start();
            Optional<PlayServer.Attempt> first = rig.server.awaitAttempt(1, 10_000);
            ctx.require(first.isPresent(), "a first attempt within 10 s of start", "the client never connected");
            long bound = CONNECT_TIMEOUT_MS + RetrySchedule.ceilingMs(1) + rig.slack();
            Optional<PlayServer.Attempt> second = rig.server.awaitAttempt(2, bound + 1);
            ctx.require(second.isPresent(), "a second attempt within " + bound + " ms of the first ("
                            + CONNECT_TIMEOUT_MS + " ms connect timeout + backoff + slack)",
                    "none came: the first attempt is still waiting for a handshake answer that will never come");
            long gap = (second.get().acceptedNanos - first.get().acceptedNanos) / 1_000_000;
            ctx.should(gap >= CONNECT_TIMEOUT_MS - 200, "the first attempt given its full " + CONNECT_TIMEOUT_MS + " ms",
                    "it was abandoned after " + gap + " ms; a slow network would never get through");
        }
    }

    @Check(id = "04.9", points = 2, spec = "lesson 04 contract (stable connection resets the count)", faults = "reset_peer",
            title = "The attempt count resets once a connection has proved itself: open 1 s and still answering")
    void resetsTheCountAfterAStableConnection(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            PlayServer.Attempt first = rig.startThenOutage();
            int failedRetries = MAX_ATTEMPTS - 2;
            RetrySchedule before = RetrySchedule.observe(rig, first, 1, failedRetries);
            ctx.require(before.missing == null, failedRetries + " retries during a first outage", before.missing);
            PlayServer.Attempt lastFailed = rig.server.attempts().get(first.number + failedRetries - 1);
            rig.awaitEnd(lastFailed, 5_000);
            rig.endOutage();
            PlayServer.Attempt back = rig.awaitBack(lastFailed.number, CAP_MS + HEARTBEAT_MS + 3 * rig.slack(),
                    "the client back once the outage ended");
            rig.awaitStable(back);
            rig.outage();
            RetrySchedule after = RetrySchedule.observe(rig, back, 1, 3);
            ctx.require(after.missing == null && after.delaysMs.size() == 3,
                    "after a second loss, a fresh schedule: attempts 1-3 within 250, 500 and 1000 ms (+ slack)",
                    after.missing + "; delays: " + after.describe() + ". The " + failedRetries + " failures before the"
                            + " stable connection still counted");
        }
    }

    @Check(id = "04.10", points = 2, spec = "lesson 04 contract (stable connection resets the count)",
            title = "A server that accepts and drops at once is retried with growing delays, not hammered")
    void backsOffFromAFlappingServer(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.server.mode(PlayServer.Mode.DROP_AFTER_OPEN);
            rig.start();
            Optional<PlayServer.Attempt> opened = rig.server.awaitAttempt(1, 10_000);
            ctx.require(opened.isPresent(), "the client to connect within 10 s of start", "it never connected");
            PlayServer.Attempt first = opened.get();
            List<Long> delays = new ArrayList<>();
            PlayServer.Attempt previous = first;
            for (int n = 1; n < MAX_ATTEMPTS; n++) {
                PlayServer.Attempt failed = previous;
                rig.awaitEnd(failed, 5_000);
                int next = failed.number + 1;
                if (!rig.server.expect(a -> a.size() >= next, CAP_MS + 2 * rig.slack() + 1)) {
                    break;
                }
                previous = rig.server.attempts().get(next - 1);
                long delay = (previous.acceptedNanos - Math.min(failed.endedNanos, previous.acceptedNanos)) / 1_000_000;
                delays.add(delay);
                if (delay > GROWN_MS) {
                    return;
                }
            }
            ctx.require(false, "delays that grow while every connection drops at once: one that opens and drops before "
                            + STABLE_MS + " ms is a failed attempt",
                    delays.isEmpty() ? "the client did not retry at all"
                            : "every delay stayed under " + GROWN_MS + " ms: " + delays + " ms; the count was reset on open");
        }
    }

    @Check(id = "04.11", points = 2, spec = "lesson 04 contract (one loop)", faults = "down",
            title = "Exactly one reconnect loop runs: one attempt at a time, one connection after recovery")
    void runsOneLoop(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.start();
            PlayServer.Attempt first = rig.awaitStable();
            rig.dropOnce(first);
            rig.awaitBack(first.number + 1, CAP_MS + HEARTBEAT_MS + 3 * rig.slack(), "the client back after the drop");
            // A second loop shows as a second open connection; give it the time a loop needs to get in.
            rig.server.await(a -> a.stream().filter(PlayServer.Attempt::isOpenNow).count() > 1, STABLE_MS + 1_000);
            List<PlayServer.Attempt> all = rig.server.attempts();
            List<PlayServer.Attempt> open = all.stream().filter(PlayServer.Attempt::isOpenNow).toList();
            ctx.require(open.size() == 1, "exactly one open connection after recovering from one drop",
                    open.size() + " connections are open (" + open.stream().map(a -> "#" + a.number).toList()
                            + "): each report of the one failure (error, close, a failed send) started its own loop");
            for (int i = first.number; i < all.size(); i++) {
                PlayServer.Attempt before = all.get(i - 1);
                PlayServer.Attempt next = all.get(i);
                ctx.require(before.ended() && before.endedNanos <= next.acceptedNanos,
                        "one attempt at a time: each begins after the one before it ended",
                        "connection #" + next.number + " began while #" + before.number + " was still open");
            }
        }
    }

    @Check(id = "04.12", points = 2, spec = "lesson 04 contract (on open)", faults = "down",
            title = "Subscriptions are restored on every new connection")
    void restoresSubscriptions(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            LabClient client = rig.start();
            client.subscribe("prices");
            client.subscribe("news");
            PlayServer.Attempt first = rig.awaitFirstOpen(10_000, "the client to connect within 10 s of start");
            rig.server.expect(a -> first.messages().size() >= 2, 3_000);
            rig.awaitStable(first);
            rig.dropOnce(first);
            PlayServer.Attempt back = rig.awaitBack(first.number + 1, CAP_MS + HEARTBEAT_MS + 3 * rig.slack(),
                    "the client back after the drop");
            List<String> expected = List.of(ClientContract.subscribeMessage("prices"), ClientContract.subscribeMessage("news"));
            rig.server.expect(a -> back.messages().size() >= 2, 3_000);
            List<String> got = back.messages();
            ctx.require(Messages.same(expected, got), "on the new connection, " + expected,
                    got.isEmpty() ? "nothing but heartbeats: the server does not know what this client wants"
                            : "it sent " + got);
        }
    }

    @Check(id = "04.13", points = 2, spec = "lesson 04 contract (offline queue)", faults = "reset_peer",
            title = "Messages sent while offline are queued and delivered once each, in order, after reconnect")
    void queuesWhileOffline(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            LabClient client = rig.start();
            PlayServer.Attempt first = rig.awaitStable();
            client.send("m0");
            rig.server.expect(a -> first.messages().contains("m0"), 3_000);
            rig.outage();
            rig.awaitEnd(first, 5_000);
            // An attempt reaching the server proves the client knows it is offline.
            Optional<PlayServer.Attempt> retry = rig.server.awaitAttempt(first.number + 1, CAP_MS + 2 * rig.slack() + 1);
            ctx.require(retry.isPresent(), "a reconnect attempt after the connection was cut", "none came");
            List<String> offline = List.of("m1", "m2", "m3", "m4", "m5");
            offline.forEach(client::send);
            ctx.transcript().note("sent while offline: " + offline);
            rig.endOutage();
            boolean delivered = rig.server.expect(a -> sentAfter(a, first).size() >= offline.size(), 8_000);
            // Duplicates would follow within a second; stop early if they do.
            rig.server.await(a -> sentAfter(a, first).size() > offline.size(), 1_000);
            List<String> got = sentAfter(rig.server.attempts(), first);
            ctx.require(got.equals(offline), "after reconnecting, exactly " + offline + " once each, in order",
                    delivered || !got.isEmpty() ? "the server got " + got
                            : "none of them arrived: sends while offline were dropped");
            long m0 = rig.server.attempts().stream().flatMap(a -> a.messages().stream()).filter("m0"::equals).count();
            ctx.require(m0 == 1, "m0, sent while online, delivered once", "it arrived " + m0 + " times");
        }
    }

    @Check(id = "04.17", points = 2, spec = "lesson 04 contract (stable connection resets the count)",
            title = "A connection that goes silent right after the 101 is a failed attempt: repeated, the delays grow")
    void silenceRightAfterTheUpgradeIsAFailedAttempt(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.server.mode(PlayServer.Mode.SILENT_AFTER_OPEN);
            rig.start();
            Optional<PlayServer.Attempt> opened = rig.server.awaitAttempt(1, 10_000);
            ctx.require(opened.isPresent(), "the client to connect within 10 s of start", "it never connected");
            List<Long> delays = new ArrayList<>();
            PlayServer.Attempt previous = opened.get();
            // Each silent connection lasts until the heartbeat timeout; then the next delay must grow.
            long ends = HEARTBEAT_TIMEOUT_MS + 2 * HEARTBEAT_MS + 2 * rig.slack();
            for (int n = 1; n < MAX_ATTEMPTS; n++) {
                PlayServer.Attempt silent = previous;
                if (!rig.awaitEnd(silent, ends)) {
                    ctx.require(false, "each silent connection given up by the heartbeat timeout (" + HEARTBEAT_TIMEOUT_MS + " ms)",
                            "connection #" + silent.number + " was still open after " + ends + " ms of silence");
                }
                int next = silent.number + 1;
                if (!rig.server.expect(a -> a.size() >= next, CAP_MS + 2 * rig.slack() + 1)) {
                    break;
                }
                previous = rig.server.attempts().get(next - 1);
                long delay = (previous.acceptedNanos - Math.min(silent.endedNanos, previous.acceptedNanos)) / 1_000_000;
                delays.add(delay);
                if (delay > GROWN_MS) {
                    return;
                }
            }
            ctx.require(false, "delays that grow while every connection goes silent after its 101: a connection on which"
                            + " nothing arrives after " + STABLE_MS + " ms open is a failed attempt",
                    delays.isEmpty() ? "the client did not retry at all"
                            : "every delay stayed under " + GROWN_MS + " ms: " + delays + " ms; the count was reset because"
                            + " the connection stayed open, though nothing ever came back on it");
        }
    }

    @Check(id = "04.18", spec = "lesson 04 contract (what counts as a loss)",
            title = "A clean close from the server (1001 going away) is followed by a reconnect")
    void aServerGoingAwayIsComeBackTo(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.start();
            PlayServer.Attempt first = rig.awaitStable();
            rig.server.closeOpen(1001, "restarting");
            ctx.transcript().note("server: closed with 1001 'restarting'");
            long bound = RetrySchedule.ceilingMs(1) + HEARTBEAT_MS + rig.slack();
            boolean back = rig.server.expect(a -> a.size() > first.number, bound + 1);
            ctx.require(back, "a new connection within " + bound + " ms of the server's 1001 (its first retry ceiling"
                            + " + one tick + slack): a clean close is still a lost connection",
                    "none came: the client reconnects only when the close is not clean, so a server that restarts"
                            + " politely loses all its clients");
        }
    }

    private static List<String> sentAfter(List<PlayServer.Attempt> attempts, PlayServer.Attempt first) {
        return attempts.stream().filter(a -> a.number > first.number).flatMap(a -> a.messages().stream()).toList();
    }

    @Check(id = "04.14", spec = "lesson 04 contract (events); RFC 6455 §7.1.5, §7.4",
            title = "The close code and reason the server sent reach the application")
    void reportsTheCloseCode(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            rig.start();
            rig.awaitFirstOpen(10_000, "the client to connect within 10 s of start");
            rig.server.closeOpen(4000, "maintenance");
            ctx.transcript().note("server: closed with 4000 'maintenance'");
            Optional<Rig.Closed> seen = rig.awaitClosed(3_000);
            ctx.require(seen.isPresent(), "the application told: closed 4000 'maintenance'",
                    "the client reported nothing within 3 s");
            ctx.require(seen.get().code() == 4000 && seen.get().reason().equals("maintenance"),
                    "closed 4000 'maintenance'", "closed " + seen.get().code() + " '" + seen.get().reason() + "'");
        }
    }

    @Check(id = "04.15", spec = "lesson 04 contract (close); RFC 6455 §7.4.1",
            title = "close() closes with 1000 and stops reconnecting")
    void closeStops(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            LabClient client = rig.start();
            PlayServer.Attempt first = rig.awaitStable();
            client.close();
            boolean closeFrame = rig.server.await(a -> first.closeCodeReceived >= 0, 3_000);
            ctx.require(closeFrame && first.closeCodeReceived == 1000, "a close frame with 1000 within 3 s of close()",
                    closeFrame ? "code " + first.closeCodeReceived : "no close frame");
            long quietMs = CAP_MS + 2 * rig.slack();
            boolean more = rig.server.await(a -> a.size() > first.number, quietMs);
            ctx.require(!more, "no new connection in the " + quietMs + " ms after close()",
                    "connection #" + (first.number + 1) + " came: the close handler reconnected after the application asked to close");
            ctx.require(rig.closed.stream().anyMatch(c -> c.code() == 1000),
                    "the application told of the end of its own connection: closed 1000 (the contract reports every end"
                            + " of an open connection)", rig.closed.isEmpty() ? "it was told nothing"
                            : "it was told " + rig.closed);
        }
    }

    @Check(id = "04.16", spec = "lesson 04 contract (close)", faults = "reset_peer",
            title = "close() during a backoff delay cancels the retry that was waiting")
    void closeCancelsTheWaitingRetry(CheckContext ctx) throws Exception {
        try (Rig rig = Rig.open(ctx)) {
            PlayServer.Attempt first = rig.startThenOutage();
            // Retry 5 waits up to the 2 s cap: close() lands while it is pending.
            RetrySchedule s = RetrySchedule.observe(rig, first, 1, 4);
            ctx.require(s.missing == null, "4 retries during the outage", s.missing);
            rig.awaitEnd(rig.server.attempts().get(first.number + 3), 5_000);
            // In the delay means: the newest attempt has been over for a moment. An HTTP client's own
            // silent retry would still be the attempt, not the delay.
            // The newest attempt ended: the client is now waiting out a delay, or its retry is already on the way.
            rig.server.expect(a -> a.get(a.size() - 1).endedNanos > 0, 5_000);
            rig.sleepUntil(rig.server.attempts().get(rig.server.count() - 1).endedNanos + (rig.slack() > 0 ? 50_000_000L : 1));
            int before = rig.server.count();
            rig.client().close();
            long closed = ctx.nanoTime();
            ctx.transcript().note("client: close() called during the backoff delay");
            long quietMs = CAP_MS + 2 * rig.slack();
            // On the real clock, a retry that fired just as close() was called is no fault: 30 ms of
            // grace. On virtual time close() is exact and there is none.
            long grace = ctx.slackMillis(30) * 1_000_000L;
            boolean more = rig.server.await(a -> a.size() > before && a.stream().skip(before)
                    .anyMatch(x -> x.acceptedNanos - closed > grace), quietMs);
            ctx.require(!more, "no connection in the " + quietMs + " ms after close()",
                    "a new connection came: the retry timer set before close() still fired");
        }
    }
}
