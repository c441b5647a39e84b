package wslab.checks.lesson14;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import wslab.api.ChatContract;
import wslab.api.ClientContract;
import wslab.checks.lesson07.ChatPeer;
import wslab.checks.lesson07.ChatRig;
import wslab.checks.lesson07.ChatSoak;
import wslab.checks.lesson07.Expect;
import wslab.faults.FaultLink;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.grader.RestartableServer;

/**
 * Lesson 14: the chat server of lesson 07 survives its own death. The grader starts the server
 * on a data directory, kills it with SIGKILL at chosen moments (mid-burst, between a store and its
 * ack, during a replay), starts it again on the same directory and port, and judges from what
 * the clients get afterwards. The clients are the suite's and follow the lesson's client rules:
 * back off while the server is down (lesson 04's schedule), rejoin with the last seq they hold,
 * resend unacknowledged messages with the same ids.
 */
@LessonChecks("14")
class RestartChecks {

    static final String SPEC = "lesson 14 protocol";
    /** How long the server stays down in a scripted outage. */
    static final long OUTAGE_MS = 300;

    @Check(id = "14.1", points = 3, spec = SPEC + " rule 9 (an ack means durable)", faults = "kill -9",
            title = "Every acknowledged message survives a kill mid-burst: after the restart it is there, with its seq and text")
    void ackedMessagesSurvive(CheckContext ctx) throws Exception {
        RestartableServer server = restartable(ctx);
        try (ChatRig rig = new ChatRig(ctx)) {
            FaultLink link = rig.link("alice");
            link.toxics().latency("lat_up", ToxicDirection.UPSTREAM, 5).setJitter(4);
            link.toxics().latency("lat_down", ToxicDirection.DOWNSTREAM, 5).setJitter(4);
            ChatPeer alice = rig.through(link, "alice");
            long base = Expect.joined(ctx, alice, "general", "alice", null);
            int burst = 60;
            for (int k = 1; k <= burst; k++) {
                alice.send("general", "a-" + k, "burst " + k);
                if (k % 10 == 0) {
                    int sent = k;
                    alice.await(p -> p.ofType("ack").size() >= sent - 5, ctx.timeoutMillis());
                }
            }
            alice.await(p -> p.ofType("ack").size() >= burst / 2, ctx.timeoutMillis());
            server.kill();
            ctx.transcript().note("server killed with " + alice.ofType("ack").size() + " of " + burst + " messages acknowledged");
            Map<String, Long> acked = new HashMap<>();
            for (ChatPeer.Received a : alice.ofType("ack")) {
                acked.putIfAbsent(a.id(), a.seq());
            }
            ctx.require(!acked.isEmpty(), "some acks before the kill", alice.describe());
            server.start();
            ChatPeer reader = rig.quietly("reader");
            Expect.joined(ctx, reader, "general", "reader", base);
            long last = acked.values().stream().mapToLong(Long::longValue).max().orElse(base);
            reader.await(p -> p.messages("general").stream().anyMatch(m -> m.seq() >= last), ctx.timeoutMillis());
            ctx.sleep(Duration.ofMillis(200));
            Map<Long, ChatPeer.Received> kept = new HashMap<>();
            reader.messages("general").forEach(m -> kept.putIfAbsent(m.seq(), m));
            List<String> missing = new ArrayList<>();
            for (var e : acked.entrySet()) {
                ChatPeer.Received m = kept.get(e.getValue());
                String text = "burst " + e.getKey().substring(2);
                if (m == null || !m.id().equals(e.getKey()) || !m.json().path("text").asText().equals(text)) {
                    missing.add(e.getKey() + "@" + e.getValue() + (m == null ? " (no such seq)" : " (seq holds " + m.id() + ")"));
                }
            }
            ctx.require(missing.isEmpty(), "all " + acked.size() + " acknowledged messages replayed after the restart, each at the seq"
                            + " its ack gave",
                    missing.size() + " were gone or changed: " + missing.stream().sorted().limit(8).collect(Collectors.joining(", ")));
            List<Long> seqs = reader.seqs("general");
            List<Long> contiguous = LongStream.rangeClosed(base + 1, base + seqs.size()).boxed().toList();
            ctx.require(seqs.equals(contiguous), "the replay after the restart: seqs " + (base + 1) + ", " + (base + 2)
                    + " ... with no gap and none twice", "it was " + Expect.shortList(seqs));
        }
    }

    @Check(id = "14.2", points = 2, spec = SPEC + " rule 10 (resume after a restart)", faults = "kill -9",
            title = "After a restart a client that backs off and rejoins with its last seq gets exactly what it missed, once each, in order; seqs carry on")
    void resumeAfterRestart(CheckContext ctx) throws Exception {
        RestartableServer server = restartable(ctx);
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer carol = rig.direct("carol");
            ChatPeer sam = rig.direct("sam");
            long base = Expect.joined(ctx, carol, "general", "carol", null);
            Expect.joined(ctx, sam, "general", "sam", null);
            for (int k = 1; k <= 3; k++) {
                sam.send("general", "s-" + k, "before " + k);
                Expect.ack(ctx, sam, "s-" + k);
            }
            carol.await(p -> p.messages("general").size() >= 3, ctx.timeoutMillis());
            long seen = Expect.contiguous(carol, "general", base);
            carol.cut();
            for (int k = 4; k <= 5; k++) {
                sam.send("general", "s-" + k, "while carol is away " + k);
                Expect.ack(ctx, sam, "s-" + k);
            }
            server.kill();
            ctx.sleep(Duration.ofMillis(OUTAGE_MS));
            ctx.require(refused(ctx), "the server down after the kill", "a connection still got through");
            server.start();
            ChatPeer back = Backoff.rejoin(ctx, rig, "carol-back", "general", "carol", seen);
            ChatPeer samBack = Backoff.rejoin(ctx, rig, "sam-back", "general", "sam", base + 5);
            for (int k = 6; k <= 8; k++) {
                samBack.send("general", "s-" + k, "after the restart " + k);
                long seq = Expect.ack(ctx, samBack, "s-" + k);
                ctx.require(seq == base + k, "s-" + k + " to get seq " + (base + k) + ": seqs carry on after the restart",
                        "it got seq " + seq);
            }
            List<Long> expected = LongStream.rangeClosed(seen + 1, base + 8).boxed().toList();
            back.await(p -> p.messages("general").size() >= expected.size(), ctx.timeoutMillis());
            ctx.sleep(Duration.ofMillis(200));
            ctx.require(back.seqs("general").equals(expected), "carol, back after the restart with since " + seen + ", to get seqs "
                    + Expect.shortList(expected) + ", each once, in order", "she got " + back.describe());
        }
    }

    @Check(id = "14.3", points = 2, spec = SPEC + " rule 11 (in-doubt and queued messages)", faults = {"timeout", "kill -9"},
            title = "A message stored before the kill whose ack was lost keeps its seq when resent after the restart; messages queued during the outage arrive once")
    void inDoubtAndQueuedMessages(CheckContext ctx) throws Exception {
        RestartableServer server = restartable(ctx);
        try (ChatRig rig = new ChatRig(ctx)) {
            FaultLink link = rig.link("alice");
            ChatPeer alice = rig.through(link, "alice");
            ChatPeer bob = rig.direct("bob");
            long base = Expect.joined(ctx, alice, "general", "alice", null);
            Expect.joined(ctx, bob, "general", "bob", null);
            // Two messages first, so m-1's seq is not 1: a server that forgets everything in the kill
            // and counts from 1 again would otherwise give the resent m-1 the same seq by chance.
            for (String id : List.of("b-1", "b-2")) {
                bob.send("general", id, "before the kill " + id);
                Expect.ack(ctx, bob, id);
            }
            link.toxics().timeout("acks_vanish", ToxicDirection.DOWNSTREAM, 0);
            alice.send("general", "m-1", "stored, ack lost");
            bob.await(p -> p.messages("general").stream().anyMatch(m -> m.id().equals("m-1")), ctx.timeoutMillis());
            Optional<ChatPeer.Received> m1Before = bob.messages("general").stream().filter(m -> m.id().equals("m-1")).findFirst();
            ctx.require(m1Before.isPresent(), "bob to receive m-1 before the kill", bob.describe());
            long stored = m1Before.get().seq();
            server.kill();
            link.toxics().get("acks_vanish").remove();
            ctx.transcript().note("server killed; alice never saw the ack of m-1; while it is down she queues m-2 and m-3");
            ctx.sleep(Duration.ofMillis(OUTAGE_MS));
            server.start();
            ChatPeer again = Backoff.rejoin(ctx, rig, "alice-again", "general", "alice", base);
            for (String id : List.of("m-1", "m-2", "m-3")) {
                again.send("general", id, id.equals("m-1") ? "stored, ack lost" : "queued during the outage " + id);
            }
            long m1 = Expect.ack(ctx, again, "m-1");
            ctx.require(m1 == stored, "m-1, stored before the kill, acknowledged with its seq " + stored + " after the restart",
                    "it was acknowledged with seq " + m1 + ": stored twice");
            long m2 = Expect.ack(ctx, again, "m-2");
            long m3 = Expect.ack(ctx, again, "m-3");
            ctx.require(m2 == stored + 1 && m3 == stored + 2, "m-2 and m-3 to get seqs " + (stored + 1) + " and " + (stored + 2),
                    "they got " + m2 + " and " + m3);
            ChatPeer reader = rig.quietly("reader");
            Expect.joined(ctx, reader, "general", "reader", base);
            reader.await(p -> p.messages("general").size() >= 5, ctx.timeoutMillis());
            ctx.sleep(Duration.ofMillis(200));
            List<String> ids = reader.messages("general").stream().map(ChatPeer.Received::id).toList();
            ctx.require(ids.equals(List.of("b-1", "b-2", "m-1", "m-2", "m-3")), "the room to hold b-1, b-2, m-1, m-2, m-3, once each",
                    "it holds " + ids + " (seqs " + reader.seqs("general") + ")");
        }
    }

    @Check(id = "14.4", points = 2, spec = SPEC + " rule 10 (resume after a restart)", faults = {"slicer", "kill -9"},
            title = "A kill during a replay: the client rejoins after the restart with its last seq and ends with every message once, in order")
    void killDuringReplay(CheckContext ctx) throws Exception {
        RestartableServer server = restartable(ctx);
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer erin = rig.direct("erin");
            ChatPeer sam = rig.quietly("sam");
            long base = Expect.joined(ctx, erin, "general", "erin", null);
            Expect.joined(ctx, sam, "general", "sam", null);
            erin.cut();
            int missed = 60;
            for (int k = 1; k <= missed; k++) {
                sam.send("general", "s-" + k, "while erin is away " + k);
            }
            sam.await(p -> p.acks("s-" + missed).size() == 1, ctx.timeoutMillis());
            FaultLink slow = rig.link("erin-slow");
            slow.toxics().slicer("slow_replay", ToxicDirection.DOWNSTREAM, 16, 2000);
            ChatPeer replaying = rig.through(slow, "erin-replaying");
            Expect.joined(ctx, replaying, "general", "erin", base);
            replaying.await(p -> p.messages("general").size() >= 10, ctx.timeoutMillis());
            server.kill();
            long seen = Expect.contiguous(replaying, "general", base);
            ctx.transcript().note("server killed during erin's replay; she holds up to seq " + seen);
            ctx.sleep(Duration.ofMillis(OUTAGE_MS));
            server.start();
            ChatPeer back = Backoff.rejoin(ctx, rig, "erin-back", "general", "erin", seen);
            List<Long> expected = LongStream.rangeClosed(seen + 1, base + missed).boxed().toList();
            back.await(p -> p.messages("general").size() >= expected.size(), ctx.timeoutMillis());
            ctx.sleep(Duration.ofMillis(200));
            ctx.require(back.seqs("general").equals(expected), "after the restart, since " + seen + ": seqs "
                    + Expect.shortList(expected) + ", each once, in order", "she got " + back.describe());
        }
    }

    @Check(id = "14.5", points = 3, spec = SPEC + " rules 9-11", faults = {"kill -9", "latency"},
            title = "4 clients x 240 messages while the server is killed 3 times at random moments: 0 lost, 0 duplicated, 0 reordered")
    void killsUnderTraffic(CheckContext ctx) throws Exception {
        RestartableServer server = restartable(ctx);
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatSoak.Settings settings = ChatSoak.Settings.of(4, 240).withRooms(2).withNames(wslab.checks.lesson07.ChatNames.of(ctx)).withFaults(false).withKills(3)
                    .withPace(Duration.ofMillis(25)).withDeadline(Duration.ofSeconds(30));
            ChatSoak.Result r = ChatSoak.runWithKills(ctx.env(), rig::link, ctx.target(), settings, ctx.random().nextLong(),
                    line -> ctx.transcript().note(line), server);
            ctx.transcript().note(r.summaryLine() + "; " + r.killsMidTraffic() + " of " + r.kills() + " kills while messages flowed");
            ctx.require(r.kills() == 3 && r.killsMidTraffic() >= 1, "3 kills, at least one while messages were in flight",
                    r.kills() + " kills, " + r.killsMidTraffic() + " of them while messages flowed");
            ctx.require(r.clean(), "lost 0, duplicated 0, reordered 0 across 3 kills (and no cannot-recover)",
                    r.summaryLine() + ", cannot-recover " + r.cannotRecover() + (r.problems().isEmpty() ? ""
                            : "; " + r.problems().stream().limit(4).collect(Collectors.joining("; "))));
        }
    }

    static RestartableServer restartable(CheckContext ctx) throws IOException {
        return ctx.restartable().orElseThrow(() -> new wslab.grader.CheckFailed("a server the grader can kill and restart",
                "the target is not one (grade with --impl or --server-cmd)"));
    }

    /** Whether a connection to the server is refused now. */
    private static boolean refused(CheckContext ctx) {
        try {
            ctx.env().connect(ctx.host(), ctx.port(), Duration.ofMillis(500)).close();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** What the lesson's client does while the server is away: retry with lesson 04's backoff. */
    static final class Backoff {
        private Backoff() {
        }

        static ChatPeer rejoin(CheckContext ctx, ChatRig rig, String name, String room, String client, long since) throws Exception {
            long deadline = ctx.nanoTime() + Duration.ofSeconds(20).toNanos();
            int attempt = 0;
            IOException last = null;
            while (ctx.nanoTime() < deadline) {
                attempt++;
                try {
                    ChatPeer p = rig.direct(name);
                    Expect.joined(ctx, p, room, client, since);
                    ctx.transcript().note(name + " back after " + attempt + " attempt(s)");
                    return p;
                } catch (IOException e) {
                    last = e;
                }
                long ceiling = ClientContract.backoffCeiling(Math.min(attempt, ClientContract.MAX_ATTEMPTS)).toMillis();
                ctx.sleep(Duration.ofMillis((long) (ctx.random().nextDouble() * ceiling)));
            }
            throw new wslab.grader.CheckFailed("the server to accept " + name + " again within 20 s of its restart",
                    attempt + " attempts failed, the last with " + (last == null ? "nothing" : last.getMessage()));
        }
    }
}
