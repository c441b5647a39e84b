package wslab.checks.lesson07c;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import wslab.api.ChatContract;
import wslab.api.ChatEvents;
import wslab.api.LabClient;
import wslab.api.Signal;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;

/**
 * Lesson 07c: the client half of lesson 07's chat protocol. The suite plays the chat server and
 * answers only what each check tells it to (it loses acks, cuts connections, sends seqs out of
 * order, says cannot-recover), and judges the client from what it sends and what it reports to its
 * application. Messages are compared as JSON values.
 */
@LessonChecks("07c")
class ChatClientChecks {

    static final String SPEC = "lesson 07c client rules";
    /** Room for a busy machine on the real clock; none on virtual time. */
    static final long SLACK_MS = 600;
    static final long QUIET_MS = 500;
    static final long RESEND_MS = ChatContract.RESEND_AFTER.toMillis();
    /** A resend after a reconnect follows the rejoin at once: within this, well before the timer's {@link #RESEND_MS}. */
    static final long PROMPT_MS = 500;

    /** What the client told its application. */
    static final class Seen implements ChatEvents {
        final List<Long> seqs = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final List<long[]> cannot = new ArrayList<>();
        final Signal changed;

        Seen(CheckContext ctx) {
            this.changed = ctx.newSignal();
        }

        @Override
        public void closed(int code, String reason) {
        }

        @Override
        public void delivered(String room, long seq, String client, String id, String text) {
            synchronized (this) {
                seqs.add(seq);
                ids.add(id);
            }
            changed.signalAll();
        }

        @Override
        public void cannotRecover(String room, long oldest, long latest) {
            synchronized (this) {
                cannot.add(new long[] {oldest, latest});
            }
            changed.signalAll();
        }

        synchronized List<Long> seqs() {
            return List.copyOf(seqs);
        }

        synchronized List<long[]> cannot() {
            return List.copyOf(cannot);
        }

        boolean await(java.util.function.BooleanSupplier c, long millis) throws InterruptedException {
            return changed.await(c, Duration.ofMillis(millis));
        }
    }

    @Check(id = "07c.1", spec = SPEC + " 1, 2",
            title = "The client joins as one client id; each send goes out once, with an id of its own and the text as given; an acknowledged message is never sent again")
    void sendsOnceWithIds(CheckContext ctx) throws Exception {
        try (ChatPlayServer server = new ChatPlayServer(ctx)) {
            LabClient client = ctx.startClient(server.url(), new Seen(ctx));
            client.subscribe("general");
            ChatPlayServer.Conn first = server.awaitConn(1, 10_000, "the client to connect within 10 s of start");
            JsonNode join = Script.expectJoin(ctx, server, first, "general");
            String clientId = join.path("client").asText();
            server.send(first, ChatContract.joined("general", 0));
            for (String t : List.of("hello", "world", "hello")) {
                client.send(t);
            }
            server.await(c -> first.ofType("send").size() >= 3, ctx.timeoutMillis());
            List<JsonNode> sends = first.ofType("send");
            ctx.require(sends.size() == 3, "3 sends for 3 messages", "connection #1 carried " + first.received());
            List<String> texts = sends.stream().map(s -> s.path("text").asText()).toList();
            ctx.require(texts.equals(List.of("hello", "world", "hello")) && sends.stream().allMatch(s -> s.path("room").asText().equals("general")),
                    "sends to room general with the texts hello, world, hello, in order", "they were " + sends);
            long distinct = sends.stream().map(s -> s.path("id").asText()).filter(id -> !id.isEmpty()).distinct().count();
            ctx.require(distinct == 3, "three different, non-empty ids (the same text twice is two messages)", "ids " + Script.ids(sends));
            long seq = 1;
            for (JsonNode s : sends) {
                server.send(first, ChatContract.ack("general", s.path("id").asText(), seq++));
            }
            ctx.sleep(Duration.ofMillis(200));
            server.cut(first);
            ChatPlayServer.Conn second = server.awaitConn(2, 10_000, "the client to reconnect after the cut");
            JsonNode again = Script.expectJoin(ctx, server, second, "general");
            ctx.require(again.path("client").asText().equals(clientId), "the rejoin under the same client id, " + clientId,
                    "it said " + again);
            server.send(second, ChatContract.joined("general", 3));
            ctx.sleep(Duration.ofMillis(QUIET_MS));
            ctx.require(second.ofType("send").isEmpty(), "no send on the new connection: every message had its ack",
                    "it sent " + second.ofType("send"));
        }
    }

    @Check(id = "07c.2", points = 2, spec = SPEC + " 3",
            title = "A message without an ack when its connection ends is sent again on the next connection, with the same id, after the rejoin")
    void resendsAfterReconnect(CheckContext ctx) throws Exception {
        try (ChatPlayServer server = new ChatPlayServer(ctx)) {
            LabClient client = ctx.startClient(server.url(), new Seen(ctx));
            client.subscribe("general");
            ChatPlayServer.Conn first = server.awaitConn(1, 10_000, "the client to connect within 10 s of start");
            Script.expectJoin(ctx, server, first, "general");
            server.send(first, ChatContract.joined("general", 0));
            client.send("in doubt");
            Optional<JsonNode> sent = server.awaitMessage(first, m -> m.path("type").asText().equals("send"), ctx.timeoutMillis());
            ctx.require(sent.isPresent(), "a send for 'in doubt'", "connection #1 carried " + first.received());
            String id = sent.get().path("id").asText();
            server.cut(first);
            ctx.transcript().note("server: the ack of " + id + " never goes out; connection #1 cut");
            ChatPlayServer.Conn second = server.awaitConn(2, 10_000, "the client to reconnect after the cut");
            Script.expectJoin(ctx, server, second, "general");
            long joinedAt = ctx.nanoTime();
            server.send(second, ChatContract.joined("general", 0));
            long bound = PROMPT_MS + ctx.slackMillis(SLACK_MS);
            Optional<JsonNode> resent = server.awaitMessage(second, m -> m.path("type").asText().equals("send"), bound);
            ctx.require(resent.isPresent(), "'in doubt' sent again on the new connection right after the rejoin (within " + bound
                            + " ms, not left to the " + RESEND_MS + " ms timer)",
                    "connection #2 carried " + second.received() + " after " + (ctx.nanoTime() - joinedAt) / 1_000_000 + " ms");
            ctx.require(resent.get().path("id").asText().equals(id) && resent.get().path("text").asText().equals("in doubt"),
                    "the same id, " + id + ", and the same text: only then can the server tell it is a resend",
                    "it was " + resent.get());
            List<String> types = second.received().stream().map(m -> m.path("type").asText()).toList();
            ctx.require(types.indexOf("join") < types.indexOf("send"), "the rejoin before the resend on the new connection",
                    "connection #2 carried " + types);
            server.send(second, ChatContract.ack("general", id, 1));
            ctx.sleep(Duration.ofMillis(QUIET_MS));
            ctx.require(second.ofType("send").size() == 1, "one resend, then nothing once acknowledged", "sends " + second.ofType("send"));
        }
    }

    @Check(id = "07c.3", points = 2, spec = SPEC + " 3 (RESEND_AFTER)",
            title = "A message without an ack on a live connection is sent again after 2 s, with the same id, and not after its ack")
    void resendsWhenTheAckIsLate(CheckContext ctx) throws Exception {
        try (ChatPlayServer server = new ChatPlayServer(ctx)) {
            LabClient client = ctx.startClient(server.url(), new Seen(ctx));
            client.subscribe("general");
            ChatPlayServer.Conn first = server.awaitConn(1, 10_000, "the client to connect within 10 s of start");
            Script.expectJoin(ctx, server, first, "general");
            server.send(first, ChatContract.joined("general", 0));
            client.send("slow");
            Optional<JsonNode> sent = server.awaitMessage(first, m -> m.path("type").asText().equals("send"), ctx.timeoutMillis());
            ctx.require(sent.isPresent(), "a send for 'slow'", "connection #1 carried " + first.received());
            long at = ctx.nanoTime();
            String id = sent.get().path("id").asText();
            long bound = RESEND_MS + 250 + ctx.slackMillis(SLACK_MS);
            boolean again = server.await(c -> first.ofType("send").size() >= 2, bound);
            long after = (ctx.nanoTime() - at) / 1_000_000;
            ctx.require(again, "the same message sent again within " + bound + " ms (" + RESEND_MS + " ms without an ack, checked"
                    + " every 250 ms at most, + slack)", "nothing more was sent in " + after + " ms");
            JsonNode second = first.ofType("send").get(1);
            ctx.require(second.path("id").asText().equals(id), "the resend with the same id, " + id, "it was " + second);
            ctx.should(after >= RESEND_MS - 100, "no resend before " + (RESEND_MS - 100) + " ms (" + RESEND_MS
                    + " ms without an ack, less 100 ms for timers that fire early)", "it came after " + after + " ms");
            server.send(first, ChatContract.ack("general", id, 1));
            ctx.sleep(Duration.ofMillis(RESEND_MS + QUIET_MS));
            ctx.require(first.ofType("send").size() == 2, "no more sends once acknowledged", "sends " + first.ofType("send"));
        }
    }

    @Check(id = "07c.4", points = 2, spec = SPEC + " 4",
            title = "After a reconnect the client rejoins with since = the last seq it delivered in order")
    void rejoinsWithSince(CheckContext ctx) throws Exception {
        try (ChatPlayServer server = new ChatPlayServer(ctx)) {
            Seen seen = new Seen(ctx);
            LabClient client = ctx.startClient(server.url(), seen);
            client.subscribe("general");
            ChatPlayServer.Conn first = server.awaitConn(1, 10_000, "the client to connect within 10 s of start");
            Script.expectJoin(ctx, server, first, "general");
            server.send(first, ChatContract.joined("general", 10));
            for (long s = 11; s <= 15; s++) {
                server.send(first, ChatContract.message("general", s, "bob", "b-" + s, "message " + s));
            }
            seen.await(() -> seen.seqs().size() >= 5, ctx.timeoutMillis());
            ctx.require(seen.seqs().equals(List.of(11L, 12L, 13L, 14L, 15L)), "seqs 11..15 delivered to the application",
                    "it delivered " + seen.seqs());
            server.cut(first);
            ChatPlayServer.Conn second = server.awaitConn(2, 10_000, "the client to reconnect after the cut");
            JsonNode join = Script.expectJoin(ctx, server, second, "general");
            ctx.require(join.path("since").canConvertToLong() && join.path("since").asLong() == 15,
                    "the rejoin with since 15, the last seq delivered in order", "it was " + join);
        }
    }

    @Check(id = "07c.5", points = 2, spec = SPEC + " 5",
            title = "Arrivals ahead of the next seq are buffered and repeats dropped: 1, 3, 2, 2, 4 reaches the application as 1, 2, 3, 4")
    void buffersAndDedupes(CheckContext ctx) throws Exception {
        try (ChatPlayServer server = new ChatPlayServer(ctx)) {
            Seen seen = new Seen(ctx);
            LabClient client = ctx.startClient(server.url(), seen);
            client.subscribe("general");
            ChatPlayServer.Conn first = server.awaitConn(1, 10_000, "the client to connect within 10 s of start");
            Script.expectJoin(ctx, server, first, "general");
            server.send(first, ChatContract.joined("general", 0));
            for (long s : List.of(1L, 3L, 2L, 2L, 4L)) {
                server.send(first, ChatContract.message("general", s, "bob", "b-" + s, "message " + s));
            }
            seen.await(() -> seen.seqs().size() >= 4, ctx.timeoutMillis());
            ctx.sleep(Duration.ofMillis(QUIET_MS));
            ctx.require(seen.seqs().equals(List.of(1L, 2L, 3L, 4L)), "the application to get seqs 1, 2, 3, 4: 3 held until 2 came,"
                    + " the second 2 dropped", "it got " + seen.seqs());
        }
    }

    @Check(id = "07c.6", points = 2, spec = SPEC + " 6",
            title = "cannot-recover reaches the application; the client then rejoins with since = oldest - 1 and delivers from there")
    void surfacesCannotRecover(CheckContext ctx) throws Exception {
        try (ChatPlayServer server = new ChatPlayServer(ctx)) {
            Seen seen = new Seen(ctx);
            LabClient client = ctx.startClient(server.url(), seen);
            client.subscribe("general");
            ChatPlayServer.Conn first = server.awaitConn(1, 10_000, "the client to connect within 10 s of start");
            Script.expectJoin(ctx, server, first, "general");
            server.send(first, ChatContract.joined("general", 5));
            server.send(first, ChatContract.message("general", 6, "bob", "b-6", "six"));
            seen.await(() -> seen.seqs().size() >= 1, ctx.timeoutMillis());
            server.cut(first);
            ChatPlayServer.Conn second = server.awaitConn(2, 10_000, "the client to reconnect after the cut");
            JsonNode join = Script.expectJoin(ctx, server, second, "general");
            server.send(second, ChatContract.cannotRecover("general", join.path("since").asLong(6), 40, 42));
            boolean told = seen.await(() -> !seen.cannot().isEmpty(), ctx.timeoutMillis());
            ctx.require(told && seen.cannot().get(0)[0] == 40 && seen.cannot().get(0)[1] == 42,
                    "the application told: cannot recover, oldest 40, latest 42",
                    told ? "it was told oldest " + seen.cannot().get(0)[0] + ", latest " + seen.cannot().get(0)[1] : "it was told nothing");
            Optional<JsonNode> rejoin = server.awaitMessage(second,
                    m -> m.path("type").asText().equals("join") && m.path("since").asLong(-1) == 39, ctx.timeoutMillis());
            ctx.require(rejoin.isPresent(), "a join with since 39 (oldest - 1): take what the room still keeps",
                    "connection #2 carried " + second.received());
            server.send(second, ChatContract.joined("general", 42));
            for (long s = 40; s <= 42; s++) {
                server.send(second, ChatContract.message("general", s, "bob", "b-" + s, "message " + s));
            }
            seen.await(() -> seen.seqs().size() >= 4, ctx.timeoutMillis());
            ctx.require(seen.seqs().equals(List.of(6L, 40L, 41L, 42L)), "seqs 6, then 40, 41, 42 after the gap it was told about",
                    "it delivered " + seen.seqs());
        }
    }

    /** The waits the checks share. */
    static final class Script {
        private Script() {
        }

        static JsonNode expectJoin(CheckContext ctx, ChatPlayServer server, ChatPlayServer.Conn c, String room) throws Exception {
            Optional<JsonNode> join = server.awaitMessage(c, m -> m.path("type").asText().equals("join"), ctx.timeoutMillis());
            ctx.require(join.isPresent(), "{\"type\":\"join\",\"room\":\"" + room + "\",\"client\":<id>} on connection #" + c.number,
                    "it carried " + c.received());
            ctx.require(join.get().path("room").asText().equals(room) && join.get().path("client").isTextual()
                            && !join.get().path("client").asText().isEmpty(),
                    "a join of room " + room + " with a client id", "it was " + join.get());
            return join.get();
        }

        static List<String> ids(List<JsonNode> sends) {
            return sends.stream().map(s -> s.path("id").asText()).toList();
        }
    }
}
