package wslab.checks.lesson07;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import wslab.api.ChatContract;
import wslab.faults.FaultLink;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;

/**
 * Lesson 07: the chat protocol, server side. The suite plays every client, some through fault
 * links of their own, and judges the server from what each client receives: acks and their
 * seqs, each room's broadcast stream, replays after a reconnect, refusals. Messages are compared
 * as JSON values. The numbers are {@link ChatContract}'s.
 */
@LessonChecks("07")
class ChatChecks {

    static final String SPEC = "lesson 07 protocol";
    /** Room for a busy 2-core machine on the real clock; none on virtual time. */
    static final long SLACK_MS = 1000;
    /** How long the suite listens for something that must not come (a second ack, a second copy). */
    static final long QUIET_MS = 300;

    @Check(id = "07.1", spec = SPEC + " rules 1-3 (join, send, ack, message)",
            title = "A join is answered with joined; a send gets one ack with its seq and reaches every member once, the sender too")
    void acksAndBroadcasts(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer alice = rig.direct("alice");
            ChatPeer bob = rig.direct("bob");
            long latest = Expect.joined(ctx, alice, "general", "alice", null);
            Expect.joined(ctx, bob, "general", "bob", null);
            alice.send("general", "m-1", "hello");
            long seq = Expect.ack(ctx, alice, "m-1");
            ctx.require(seq == latest + 1, "the first message after joined {latest: " + latest + "} to get seq " + (latest + 1),
                    "its ack carried seq " + seq);
            for (ChatPeer p : List.of(alice, bob)) {
                Expect.messages(ctx, p, "general", List.of(new Expect.Msg(seq, "alice", "m-1", "hello")));
            }
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            ctx.require(alice.acks("m-1").size() == 1, "one ack for one send", alice.acks("m-1").size() + " acks: " + alice.describe());
            for (ChatPeer p : List.of(alice, bob)) {
                ctx.require(p.messages("general").size() == 1, "one copy of the message for " + p.name(),
                        p.name() + " got " + p.seqs("general"));
            }
        }
    }

    @Check(id = "07.2", points = 2, spec = SPEC + " rule 2 (seqs and order)", faults = "latency",
            title = "Each room counts its own seqs 1, 2, 3 ... with no gap, and every member sees the same messages in the same order")
    void seqsPerRoom(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            List<String> rooms = List.of("red", "blue");
            List<ChatPeer> watchers = new ArrayList<>();
            for (String room : rooms) {
                for (int w = 1; w <= 2; w++) {
                    ChatPeer p = rig.direct(room + "-watcher-" + w);
                    Expect.joined(ctx, p, room, room + "-watcher-" + w, null);
                    watchers.add(p);
                }
            }
            List<ChatPeer> senders = new ArrayList<>();
            for (int s = 1; s <= 3; s++) {
                FaultLink link = rig.link("sender-" + s);
                link.toxics().latency("lat_up", ToxicDirection.UPSTREAM, 20).setJitter(15);
                link.toxics().latency("lat_down", ToxicDirection.DOWNSTREAM, 20).setJitter(15);
                ChatPeer p = rig.through(link, "sender-" + s);
                for (String room : rooms) {
                    Expect.joined(ctx, p, room, "sender-" + s, null);
                }
                senders.add(p);
            }
            ctx.transcript().note("toxics: latency 20 ± 15 ms both ways on each sender's link");
            int each = 6;
            for (int k = 1; k <= each; k++) {
                for (int s = 0; s < senders.size(); s++) {
                    for (String room : rooms) {
                        senders.get(s).send(room, room + "-" + (s + 1) + "-" + k, "message " + k + " of sender " + (s + 1));
                    }
                }
            }
            int total = each * senders.size();
            for (ChatPeer w : watchers) {
                String room = w.name().substring(0, w.name().indexOf('-'));
                w.await(p -> p.messages(room).size() >= total, ctx.timeoutMillis());
                List<Long> seqs = w.seqs(room);
                List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
                ctx.require(seqs.equals(expected), w.name() + " to receive room " + room + "'s seqs 1.." + total
                                + " in order, each once (seqs count per room, from 1, with no gap)",
                        "it received " + Expect.shortList(seqs));
            }
            for (String room : rooms) {
                List<ChatPeer> same = watchers.stream().filter(w -> w.name().startsWith(room)).toList();
                List<String> first = same.get(0).messages(room).stream().map(r -> r.json().toString()).toList();
                List<String> second = same.get(1).messages(room).stream().map(r -> r.json().toString()).toList();
                ctx.require(first.equals(second), "both watchers of " + room + " to see the same messages under the same seqs",
                        "they differ: " + Expect.firstDifference(first, second));
            }
            for (ChatPeer s : senders) {
                for (String room : rooms) {
                    for (ChatPeer.Received m : watchers.get(rooms.indexOf(room) * 2).messages(room)) {
                        if (!m.json().path("client").asText().equals(s.name())) {
                            continue;
                        }
                        long acked = Expect.ack(ctx, s, m.id());
                        ctx.require(acked == m.seq(), "the ack of " + m.id() + " to carry the seq it was broadcast with (" + m.seq() + ")",
                                "the ack said " + acked);
                    }
                }
            }
        }
    }

    @Check(id = "07.3", points = 2, spec = SPEC + " rule 4 (idempotent ids)",
            title = "A message resent with the same id is acknowledged again with the same seq and never broadcast twice; another client's same id is its own message")
    void resendOnTheSameConnection(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer alice = rig.direct("alice");
            ChatPeer bob = rig.direct("bob");
            Expect.joined(ctx, alice, "general", "alice", null);
            Expect.joined(ctx, bob, "general", "bob", null);
            alice.send("general", "m-1", "hello");
            long seq = Expect.ack(ctx, alice, "m-1");
            alice.send("general", "m-1", "hello");
            alice.await(p -> p.acks("m-1").size() >= 2, ctx.timeoutMillis());
            List<ChatPeer.Received> acks = alice.acks("m-1");
            ctx.require(acks.size() == 2, "a second ack for the resent m-1", "acks: " + acks.size() + "; " + alice.describe());
            ctx.require(acks.get(1).seq() == seq, "the resend acknowledged with the first seq, " + seq,
                    "the second ack said seq " + acks.get(1).seq());
            alice.send("general", "m-2", "next");
            long next = Expect.ack(ctx, alice, "m-2");
            ctx.require(next == seq + 1, "the next message to get seq " + (seq + 1) + ": a resend takes no seq",
                    "it got seq " + next);
            // Ids belong to their sender: bob's m-1 is a message of its own.
            bob.send("general", "m-1", "bob's own first message");
            long bobs = Expect.ack(ctx, bob, "m-1");
            ctx.require(bobs == seq + 2, "bob's m-1 stored as a new message with seq " + (seq + 2)
                    + ": a resend is the same client's id again, not anyone's", "it was acknowledged with seq " + bobs);
            bob.await(p -> p.messages("general").size() >= 3, ctx.timeoutMillis());
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            List<String> got = bob.messages("general").stream()
                    .map(r -> r.json().path("client").asText() + "/" + r.id()).toList();
            ctx.require(got.equals(List.of("alice/m-1", "alice/m-2", "bob/m-1")),
                    "bob to receive alice's m-1 once, alice's m-2, then his own m-1",
                    "bob received " + got + " (seqs " + bob.seqs("general") + ")");
        }
    }

    @Check(id = "07.4", points = 2, spec = SPEC + " rule 4 (idempotent ids, across connections)", faults = {"timeout", "reset_peer"},
            title = "A message whose ack was lost with its connection, resent on a new connection, keeps its seq and is broadcast once")
    void resendOnANewConnection(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            FaultLink link = rig.link("alice");
            ChatPeer alice = rig.through(link, "alice");
            ChatPeer bob = rig.direct("bob");
            long latest = Expect.joined(ctx, alice, "general", "alice", null);
            Expect.joined(ctx, bob, "general", "bob", null);
            link.toxics().timeout("acks_vanish", ToxicDirection.DOWNSTREAM, 0);
            ctx.transcript().note("toxic: timeout downstream 0 on alice's link: what the server sends her vanishes");
            alice.send("general", "m-1", "hello");
            bob.await(p -> !p.messages("general").isEmpty(), ctx.timeoutMillis());
            ctx.require(!bob.messages("general").isEmpty(), "bob to receive alice's m-1", "bob got " + bob.describe());
            long seq = bob.messages("general").get(0).seq();
            ctx.require(alice.acks("m-1").isEmpty(), "alice's ack to be lost on her cut link", "it arrived: " + alice.describe());
            alice.cut();
            link.toxics().get("acks_vanish").remove();
            ctx.transcript().note("alice's connection reset; toxic removed; alice reconnects and resends m-1");
            ChatPeer again = rig.through(link, "alice-again");
            Expect.joined(ctx, again, "general", "alice", latest);
            again.send("general", "m-1", "hello");
            long resent = Expect.ack(ctx, again, "m-1");
            ctx.require(resent == seq, "the resend on the new connection acknowledged with the seq m-1 was stored under, " + seq,
                    "it was acknowledged with seq " + resent + ": stored twice");
            again.send("general", "m-2", "next");
            Expect.ack(ctx, again, "m-2");
            bob.await(p -> p.messages("general").size() >= 2, ctx.timeoutMillis());
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            List<String> ids = bob.messages("general").stream().map(ChatPeer.Received::id).toList();
            ctx.require(ids.equals(List.of("m-1", "m-2")), "bob to receive m-1 once, then m-2",
                    "bob received " + ids + " (seqs " + bob.seqs("general") + ")");
            List<String> replayed = again.messages("general").stream().map(ChatPeer.Received::id).toList();
            ctx.require(replayed.equals(List.of("m-1", "m-2")), "alice's new connection (since " + latest
                    + ") to get m-1 once from the replay, then m-2", "it got " + replayed);
        }
    }

    @Check(id = "07.5", points = 3, spec = SPEC + " rule 5 (replay)", faults = "reset_peer",
            title = "A client cut mid-burst that rejoins with since = its last seq gets exactly what it missed, once each, in order, then live messages")
    void replayAfterReconnect(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            FaultLink link = rig.link("carol");
            ChatPeer carol = rig.through(link, "carol");
            ChatPeer sam = rig.direct("sam");
            long base = Expect.joined(ctx, carol, "general", "carol", null);
            Expect.joined(ctx, sam, "general", "sam", null);
            int burst = 20;
            for (int k = 1; k <= burst; k++) {
                sam.send("general", "s-" + k, "burst " + k);
                Expect.ack(ctx, sam, "s-" + k);
                if (k == 6) {
                    carol.await(p -> p.messages("general").size() >= 5, ctx.timeoutMillis());
                    link.toxics().resetPeer("cut", ToxicDirection.DOWNSTREAM, 0);
                    ctx.transcript().note("toxic: reset_peer downstream on carol's link, mid-burst");
                }
                ctx.sleep(java.time.Duration.ofMillis(10));
            }
            carol.await(ChatPeer::ended, ctx.timeoutMillis());
            link.toxics().get("cut").remove();
            long seen = Expect.contiguous(carol, "general", base);
            ctx.require(seen < base + burst, "carol's connection to be cut before the burst ended",
                    "she had every message: " + carol.seqs("general"));
            ChatPeer back = rig.through(link, "carol-back");
            Expect.joined(ctx, back, "general", "carol", seen);
            sam.send("general", "s-live", "after the rejoin");
            Expect.ack(ctx, sam, "s-live");
            List<Long> expected = LongStream.rangeClosed(seen + 1, base + burst + 1).boxed().toList();
            back.await(p -> p.messages("general").size() >= expected.size(), ctx.timeoutMillis());
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            List<Long> got = back.seqs("general");
            ctx.require(got.equals(expected), "after joining with since " + seen + ": seqs " + Expect.shortList(expected)
                    + ", the missed ones and then the live one, each once, in order", "she got " + Expect.shortList(got));
        }
    }

    @Check(id = "07.6", points = 2, spec = SPEC + " rules 5, 6 (replay; a client on two connections)", faults = "timeout",
            title = "A client that reconnects fast, before the server has noticed its old connection is dead, gets exactly what it missed")
    void fastReconnect(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            FaultLink link = rig.link("dave");
            ChatPeer dave = rig.through(link, "dave");
            ChatPeer sam = rig.direct("sam");
            long base = Expect.joined(ctx, dave, "general", "dave", null);
            Expect.joined(ctx, sam, "general", "sam", null);
            for (int k = 1; k <= 3; k++) {
                sam.send("general", "s-" + k, "before " + k);
                Expect.ack(ctx, sam, "s-" + k);
            }
            dave.await(p -> p.messages("general").size() >= 3, ctx.timeoutMillis());
            link.toxics().timeout("dead_down", ToxicDirection.DOWNSTREAM, 0);
            link.toxics().timeout("dead_up", ToxicDirection.UPSTREAM, 0);
            ctx.transcript().note("toxics: timeout 0 both ways on dave's link: it is dead, and no FIN or RST tells the server");
            for (int k = 4; k <= 6; k++) {
                sam.send("general", "s-" + k, "while dave's link is dead " + k);
                Expect.ack(ctx, sam, "s-" + k);
            }
            long seen = Expect.contiguous(dave, "general", base);
            ChatPeer fast = rig.direct("dave-fast");
            Expect.joined(ctx, fast, "general", "dave", seen);
            for (int k = 7; k <= 8; k++) {
                sam.send("general", "s-" + k, "after " + k);
                Expect.ack(ctx, sam, "s-" + k);
            }
            List<Long> expected = LongStream.rangeClosed(seen + 1, base + 8).boxed().toList();
            fast.await(p -> p.messages("general").size() >= expected.size(), ctx.timeoutMillis());
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            ctx.require(fast.seqs("general").equals(expected), "dave's new connection (since " + seen + ", his old one still open on"
                    + " the server) to get seqs " + Expect.shortList(expected) + ", each once, in order",
                    "it got " + Expect.shortList(fast.seqs("general")) + "; " + fast.describe());
        }
    }

    @Check(id = "07.7", points = 2, spec = SPEC + " rule 5 (replay)", faults = "slicer",
            title = "A client cut during its replay, twice in a row, still ends with every message once, in order")
    void reconnectTwiceDuringReplay(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer erin = rig.direct("erin");
            ChatPeer sam = rig.quietly("sam");
            long base = Expect.joined(ctx, erin, "general", "erin", null);
            Expect.joined(ctx, sam, "general", "sam", null);
            erin.cut();
            int missed = 40;
            for (int k = 1; k <= missed; k++) {
                sam.send("general", "s-" + k, "while erin is away " + k);
            }
            sam.await(p -> p.acks("s-" + missed).size() == 1, ctx.timeoutMillis());
            ctx.transcript().note("erin was away for " + missed + " messages; she comes back over a slow link (slicer downstream)");
            long seen = base;
            List<Long> all = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                FaultLink link = rig.link("erin-" + round);
                link.toxics().slicer("slow_replay", ToxicDirection.DOWNSTREAM, 16, 2000);
                ChatPeer back = rig.through(link, "erin-" + round);
                Expect.joined(ctx, back, "general", "erin", seen);
                int want = 10 * round;
                back.await(p -> p.messages("general").size() >= want, ctx.timeoutMillis());
                back.cut();
                List<Long> got = back.seqs("general");
                ctx.require(!got.isEmpty(), "a replay on rejoin " + round + " (since " + seen + ")", "nothing: " + back.describe());
                ctx.require(got.get(0) == seen + 1 && got.equals(LongStream.rangeClosed(seen + 1, seen + got.size()).boxed().toList()),
                        "replay " + round + " to start at seq " + (seen + 1) + " and run on with no gap",
                        "it was " + Expect.shortList(got));
                all.addAll(got);
                seen = got.get(got.size() - 1);
                ctx.transcript().note("erin cut during replay " + round + ", having seq " + seen);
            }
            ChatPeer last = rig.direct("erin-3");
            Expect.joined(ctx, last, "general", "erin", seen);
            long lastSeq = base + missed;
            long from = seen;
            last.await(p -> p.messages("general").size() >= lastSeq - from, ctx.timeoutMillis());
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            all.addAll(last.seqs("general"));
            List<Long> expected = LongStream.rangeClosed(base + 1, lastSeq).boxed().toList();
            ctx.require(all.equals(expected), "over three connections, seqs " + Expect.shortList(expected) + ", each once, in order",
                    "the third join (since " + seen + ") got " + Expect.shortList(last.seqs("general")) + "; in all "
                            + Expect.shortList(all));
        }
    }

    @Check(id = "07.8", points = 2, spec = SPEC + " rule 5 (cannot-recover)",
            title = "A since the room cannot answer gets cannot-recover, never a silent skip; since = oldest - 1 then replays what is kept")
    void cannotRecover(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer sam = rig.quietly("sam");
            long base = Expect.joined(ctx, sam, "general", "sam", null);
            for (int k = 1; k <= 3; k++) {
                sam.send("general", "s-" + k, "early " + k);
            }
            sam.await(p -> p.acks("s-3").size() == 1, ctx.timeoutMillis());
            long latest = base + 3;
            ChatPeer ahead = rig.direct("frank");
            ahead.join("general", "frank", latest + 5);
            Optional<ChatPeer.Received> answer = ahead.awaitJoinAnswer("general", ctx.timeoutMillis());
            ctx.require(answer.isPresent() && answer.get().type().equals("cannot-recover"),
                    "cannot-recover for since " + (latest + 5) + ": more than the room has ever had (latest " + latest + ")",
                    answer.map(a -> "it answered " + a.raw()).orElse("no answer: " + ahead.describe()));
            int beyond = ChatContract.HISTORY_PER_ROOM + 10;
            for (int k = 4; k <= beyond; k++) {
                sam.send("general", "s-" + k, "filler " + k);
            }
            sam.await(p -> p.acks("s-" + beyond).size() == 1, ctx.timeoutMillis() * 4L);
            long now = base + beyond;
            ChatPeer late = rig.direct("gina");
            late.join("general", "gina", 0);
            Optional<ChatPeer.Received> told = late.awaitJoinAnswer("general", ctx.timeoutMillis());
            ctx.require(told.isPresent(), "an answer to a join with since 0 after " + beyond + " messages", late.describe());
            if (told.get().type().equals("cannot-recover")) {
                JsonNode c = told.get().json();
                long oldest = c.path("oldest").asLong(-1);
                ctx.require(c.path("since").asLong(-1) == 0 && c.path("latest").asLong(-1) == now && oldest > 1 && oldest <= now + 1,
                        "cannot-recover {room, since 0, oldest (the oldest seq kept, above 1), latest " + now + "}", told.get().raw());
                ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
                ctx.require(late.messages("general").isEmpty(), "no messages after cannot-recover: the join did not happen",
                        "it received " + Expect.shortList(late.seqs("general")));
                ChatPeer refetch = rig.quietly("gina-refetch");
                Expect.joined(ctx, refetch, "general", "gina", oldest - 1);
                List<Long> expected = LongStream.rangeClosed(oldest, now).boxed().toList();
                refetch.await(p -> p.messages("general").size() >= expected.size(), ctx.timeoutMillis());
                ctx.require(refetch.seqs("general").equals(expected), "since " + (oldest - 1) + " to replay seqs "
                        + Expect.shortList(expected), "it replayed " + Expect.shortList(refetch.seqs("general")));
                // One seq further back, seq oldest - 1 would be needed, and it is gone: the boundary.
                ChatPeer edge = rig.direct("gina-edge");
                edge.join("general", "gina", oldest - 2);
                Optional<ChatPeer.Received> atEdge = edge.awaitJoinAnswer("general", ctx.timeoutMillis());
                ctx.require(atEdge.isPresent() && atEdge.get().type().equals("cannot-recover"),
                        "cannot-recover for since " + (oldest - 2) + ": seq " + (oldest - 1) + " is no longer kept (oldest " + oldest + ")",
                        atEdge.map(a -> "it answered " + a.raw()).orElse("no answer: " + edge.describe()));
            } else {
                // A server may keep more than it must; then it must replay all of it.
                List<Long> expected = LongStream.rangeClosed(1, now).boxed().toList();
                late.await(p -> p.messages("general").size() >= expected.size(), ctx.timeoutMillis());
                ctx.require(late.seqs("general").equals(expected), "since 0 answered with joined: then every seq 1.." + now
                                + " (or cannot-recover, if the room no longer keeps seq 1)",
                        "it replayed " + Expect.shortList(late.seqs("general")) + " without saying that the rest is gone");
            }
        }
    }

    @Check(id = "07.9", spec = SPEC + " rule 8 (rooms are independent)",
            title = "While one client floods a room with 2000 messages, a message to another room is acknowledged within 500 ms")
    void floodDoesNotDelayOtherRooms(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer flood = rig.quietly("flooder");
            ChatPeer quiet = rig.direct("quiet");
            Expect.joined(ctx, flood, "flood", "flooder", null);
            Expect.joined(ctx, quiet, "quiet", "quiet", null);
            long bound = ChatContract.OTHER_ROOM_ACK_BOUND.toMillis() + ctx.slackMillis(SLACK_MS);
            for (int k = 1; k <= ChatContract.FLOOD_MESSAGES; k++) {
                flood.send("flood", "f-" + k, "flood " + k);
            }
            List<Long> waits = new ArrayList<>();
            for (int k = 1; k <= 5; k++) {
                long sent = ctx.nanoTime();
                quiet.send("quiet", "q-" + k, "hello " + k);
                String id = "q-" + k;
                boolean acked = quiet.await(p -> !p.acks(id).isEmpty(), bound + 2000);
                long waited = (ctx.nanoTime() - sent) / 1_000_000;
                waits.add(waited);
                ctx.require(acked && waited <= bound, "each ack in room quiet within " + bound + " ms while room flood takes "
                                + ChatContract.FLOOD_MESSAGES + " messages",
                        acked ? "q-" + k + " waited " + waited + " ms (waits so far " + waits + " ms)"
                                : "q-" + k + " had no ack after " + waited + " ms");
                ctx.sleep(java.time.Duration.ofMillis(100));
            }
            ctx.transcript().note("acks in room quiet after " + waits + " ms");
        }
    }

    @Check(id = "07.10", points = 2, spec = SPEC + " rule 7 (size limit); RFC 6455 §7.4.1 (1009)", faults = "slicer",
            title = "A 4096-byte message is taken; one byte more closes the connection with 1009, is never stored or broadcast, and takes no seq")
    void sizeLimit(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            FaultLink link = rig.link("hank");
            link.toxics().slicer("slices_up", ToxicDirection.UPSTREAM, 256, 100).setSizeVariation(128);
            ChatPeer hank = rig.through(link, "hank");
            ChatPeer ivy = rig.direct("ivy");
            long base = Expect.joined(ctx, hank, "big", "hank", null);
            Expect.joined(ctx, ivy, "big", "ivy", null);
            String atLimit = Expect.sendOfSize(hank.room("big"), "m-1", ChatContract.MAX_MESSAGE_BYTES);
            hank.sendText(atLimit);
            long seq = Expect.ack(ctx, hank, "m-1");
            String over = Expect.sendOfSize(hank.room("big"), "m-2", ChatContract.MAX_MESSAGE_BYTES + 1);
            hank.sendText(over);
            hank.await(ChatPeer::ended, ctx.timeoutMillis());
            ctx.require(hank.closeCode() == ChatContract.CLOSE_TOO_BIG, "a close frame with 1009 for a message of "
                    + (ChatContract.MAX_MESSAGE_BYTES + 1) + " bytes", hank.ended() ? hank.endedHow() + "; before that " + hank.describe()
                    : "the connection stayed open: " + hank.describe());
            ctx.require(hank.acks("m-2").isEmpty(), "no ack for the refused message", hank.describe());
            ivy.send("big", "i-1", "after the refusal");
            long next = Expect.ack(ctx, ivy, "i-1");
            ctx.require(next == seq + 1, "the next message to get seq " + (seq + 1) + ": the refused one took none", "it got " + next);
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            List<String> ids = ivy.messages("big").stream().map(ChatPeer.Received::id).toList();
            ctx.require(ids.equals(List.of("m-1", "i-1")), "ivy to receive m-1 (4096 bytes) and i-1, never m-2", "ivy received " + ids);
            ChatPeer back = rig.direct("hank-back");
            Expect.joined(ctx, back, "big", "hank", seq);
            back.await(p -> !p.messages("big").isEmpty(), ctx.timeoutMillis());
            List<String> replay = back.messages("big").stream().map(ChatPeer.Received::id).toList();
            ctx.require(replay.equals(List.of("i-1")), "hank, back as the same client, to resume after seq " + seq + " with i-1 only",
                    "he got " + replay + "; " + back.describe());
        }
    }

    @Check(id = "07.11", spec = SPEC + " (leave)",
            title = "After leave and its answer left, a connection receives nothing more from that room; the other members still do")
    void leave(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatPeer jo = rig.direct("jo");
            ChatPeer kim = rig.direct("kim");
            Expect.joined(ctx, jo, "general", "jo", null);
            Expect.joined(ctx, kim, "general", "kim", null);
            jo.leave("general");
            jo.await(p -> p.first("left", "general").isPresent(), ctx.timeoutMillis());
            ctx.require(jo.first("left", "general").isPresent(), "{\"type\":\"left\",\"room\":\"general\"}", jo.describe());
            kim.send("general", "k-1", "is anyone here");
            Expect.ack(ctx, kim, "k-1");
            kim.await(p -> !p.messages("general").isEmpty(), ctx.timeoutMillis());
            ctx.sleep(java.time.Duration.ofMillis(QUIET_MS));
            ctx.require(jo.messages("general").isEmpty(), "nothing from room general after leaving it",
                    "jo received " + jo.seqs("general"));
            ctx.require(kim.messages("general").size() == 1, "kim, still a member, to get her own message", kim.describe());
        }
    }

    @Check(id = "07.12", points = 3, spec = SPEC + " rules 2-5", faults = {"latency", "reset_peer", "limit_data", "slicer"},
            title = "6 clients x 360 messages in 2 rooms under random toxics: 0 lost, 0 duplicated, 0 reordered")
    void concurrency(CheckContext ctx) throws Exception {
        try (ChatRig rig = new ChatRig(ctx)) {
            ChatSoak.Settings settings = ChatSoak.Settings.of(6, 360).withRooms(2).withNames(ChatNames.of(ctx)).withPace(java.time.Duration.ofMillis(5))
                    .withDeadline(java.time.Duration.ofSeconds(20));
            ChatSoak.Result r = ChatSoak.run(ctx.env(), rig::link, ctx.target(), settings, ctx.random().nextLong(),
                    line -> ctx.transcript().note(line));
            ctx.transcript().note(r.summaryLine());
            r.problems().forEach(p -> ctx.transcript().note("problem: " + p));
            ctx.require(r.clean(), "lost 0, duplicated 0, reordered 0 (and no cannot-recover: each room keeps every message here)",
                    r.summaryLine() + ", cannot-recover " + r.cannotRecover() + (r.problems().isEmpty() ? ""
                            : "; " + r.problems().stream().limit(4).collect(Collectors.joining("; "))));
        }
    }
}
