package wslab.checks.lesson03;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import wslab.api.HeartbeatContract;
import wslab.checks.rfc6455.Session;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/**
 * Lesson 03: liveness, server side. The lesson's contract: the server pings every second,
 * closes a peer silent for three seconds, counts any frame as a sign of life, and answers the
 * application heartbeat {"type":"heartbeat"} with {"type":"heartbeat-ack"}. Bounds carry slack
 * for a loaded machine; faults come from Toxiproxy toxics.
 */
@LessonChecks("03")
class HeartbeatChecks {

    static final long PING_INTERVAL_MS = HeartbeatContract.PING_INTERVAL.toMillis();
    static final long DEADLINE_MS = HeartbeatContract.DEADLINE.toMillis();
    /** Room for a busy 2-core machine on top of every bound; none on virtual time. */
    static final long SLACK_MS = 1500;

    @Check(id = "03.1", spec = "RFC 6455 §5.5.2; lesson 03 contract",
            title = "An idle connection gets a ping from the server within its 1 s interval")
    void pingsAnIdleConnection(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            LinkWatch.Observed o = LinkWatch.watch(ctx, s, PING_INTERVAL_MS + ctx.slackMillis(SLACK_MS), true, 0, true);
            ctx.require(!o.pings().isEmpty(), "a PING within " + (PING_INTERVAL_MS + ctx.slackMillis(SLACK_MS)) + " ms of an idle connection",
                    o.closed() ? "the server closed the connection at " + o.closedAt() + " ms" : "no ping arrived");
        }
    }

    @Check(id = "03.2", spec = "RFC 6455 §5.5.2, §5.5.3; lesson 03 contract",
            title = "While the client answers, the server keeps pinging and keeps the connection open")
    void keepsALiveConnection(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            LinkWatch.Observed o = LinkWatch.watch(ctx, s, 5000, true, 0, false);
            ctx.require(!o.closed(), "the connection still open after 5 s of answered pings",
                    "the server closed it at " + o.closedAt() + " ms (code " + o.closeCode() + ")");
            ctx.require(o.pings().size() >= 3, "at least 3 pings in 5 s (one per second)",
                    o.pings().size() + " pings, at " + o.pings() + " ms");
            ctx.should(new HashSet<>(o.pingPayloads()).size() == o.pingPayloads().size(),
                    "a different payload in each ping, so pongs can be matched to pings", "payloads " + o.pingPayloads());
            s.send(Frame.text("still here"));
            expectTextSkippingPings(ctx, s, "still here");
        }
    }

    @Check(id = "03.3", points = 2, spec = "RFC 6455 §5.5.2, RFC 9293 §3.8.4 (half-open connections)", faults = "timeout",
            title = "A half-open peer (its bytes vanish, no FIN) is detected and closed within the 3 s deadline")
    void closesAHalfOpenPeer(CheckContext ctx) throws IOException {
        try (Session s = Session.openThroughFaults(ctx)) {
            // From now on everything the client sends disappears: no data, no pongs, no FIN.
            ctx.faults().toxics().timeout("blackhole_upstream", ToxicDirection.UPSTREAM, 0);
            ctx.transcript().note("toxic: timeout upstream 0 (client bytes vanish)");
            long bound = DEADLINE_MS + PING_INTERVAL_MS + ctx.slackMillis(SLACK_MS);
            LinkWatch.Observed o = LinkWatch.watch(ctx, s, bound + 1000, true, 0, false);
            ctx.require(o.closed(), "the server to close the half-open connection within " + bound + " ms",
                    "it was still open after " + (bound + 1000) + " ms; pings at " + o.pings() + " ms went unanswered");
            ctx.require(o.closedAt() <= bound, "the close within " + bound + " ms",
                    "it came at " + o.closedAt() + " ms");
        }
    }

    @Check(id = "03.4", points = 2, spec = "lesson 03 contract; RFC 6455 §5.5.2", faults = "latency",
            title = "A slow but live peer (500 ± 100 ms each way) is not dropped")
    void keepsASlowPeer(CheckContext ctx) throws IOException {
        ctx.faults().toxics().latency("slow_up", ToxicDirection.UPSTREAM, 500).setJitter(100);
        ctx.faults().toxics().latency("slow_down", ToxicDirection.DOWNSTREAM, 500).setJitter(100);
        try (Session s = Session.openThroughFaults(ctx)) {
            LinkWatch.Observed o = LinkWatch.watch(ctx, s, 6000, true, 0, false);
            ctx.require(!o.closed(), "the connection open after 6 s over a slow link, every ping answered",
                    "the server closed it at " + o.closedAt() + " ms (code " + o.closeCode() + "): a round trip of about"
                            + " 1.2 s is not a dead peer");
        }
    }

    @Check(id = "03.5", spec = "lesson 03 contract (application heartbeat)",
            title = "The application heartbeat {\"type\":\"heartbeat\"}, in any spelling (spaces, lines, other members), gets {\"type\":\"heartbeat-ack\"}")
    void answersTheAppHeartbeat(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            for (String heartbeat : HEARTBEAT_SPELLINGS) {
                ctx.transcript().note("the heartbeat spelt " + heartbeat.replace("\n", "\\n"));
                s.send(Frame.of(Opcode.TEXT, heartbeat.getBytes(StandardCharsets.UTF_8)));
                expectAppHeartbeatAck(ctx, s);
            }
        }
    }

    /** One JSON value as Jackson, Python's json.dumps, a pretty-printer and a client that counts write it. */
    private static final List<String> HEARTBEAT_SPELLINGS = List.of(HeartbeatContract.APP_HEARTBEAT,
            "{\"type\": \"heartbeat\"}", "{\n  \"type\" : \"heartbeat\"\n}", "{\"n\":1,\"type\":\"heartbeat\"}");

    @Check(id = "03.6", points = 2, spec = "lesson 03 contract (application heartbeat)",
            title = "A client that never answers pings but sends the application heartbeat every second stays connected")
    void appHeartbeatKeepsTheConnection(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            LinkWatch.Observed o = LinkWatch.watch(ctx, s, 6000, false, 1000, false);
            ctx.require(!o.closed(), "the connection open after 6 s: any frame from the client is a sign of life",
                    "the server closed it at " + o.closedAt() + " ms although a heartbeat arrived every second");
        }
    }

    @Check(id = "03.7", spec = "lesson 03 contract; RFC 6455 §7.1.7",
            title = "A connected client that goes silent (answers nothing) is closed after the deadline")
    void closesASilentPeer(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            long bound = DEADLINE_MS + PING_INTERVAL_MS + ctx.slackMillis(SLACK_MS);
            LinkWatch.Observed o = LinkWatch.watch(ctx, s, bound + 1000, false, 0, false);
            ctx.require(o.closed() && o.closedAt() <= bound, "a close within " + bound + " ms of silence",
                    o.closed() ? "it came at " + o.closedAt() + " ms" : "the connection was still open after " + (bound + 1000) + " ms");
            ctx.require(o.closedAt() >= DEADLINE_MS - 200, "no close before the 3 s deadline",
                    "the server closed at " + o.closedAt() + " ms");
            ctx.should(o.closeCode() > 0, "a close frame before the TCP close", "the TCP connection just ended");
            // The contract names 1001; RFC 6455 §7.4.1 leaves the code to the endpoint, so another one is a SHOULD miss.
            ctx.should(o.closeCode() <= 0 || o.closeCode() == HeartbeatContract.CLOSE_SILENT_PEER,
                    "close code " + HeartbeatContract.CLOSE_SILENT_PEER + " (going away), as the contract says",
                    "it closed with " + o.closeCode());
        }
    }

    /** The heartbeat's answer, compared as a JSON value: {"type": "heartbeat-ack"} with any spacing is the same. */
    private static void expectAppHeartbeatAck(CheckContext ctx, Session s) throws IOException {
        long deadline = ctx.nanoTime() + ctx.timeoutMillis() * 1_000_000L;
        while (true) {
            ctx.require(ctx.nanoTime() < deadline, HeartbeatContract.APP_HEARTBEAT_ACK + " within " + ctx.timeoutMillis() + " ms",
                    "only pings arrived");
            Optional<Session.Message> m = s.readMessage();
            if (m.isPresent() && m.get().opcode() == Opcode.PING) {
                s.send(Frame.of(Opcode.PONG, m.get().payload()));
                continue;
            }
            ctx.require(m.isPresent(), HeartbeatContract.APP_HEARTBEAT_ACK, "the server closed the connection");
            ctx.require(m.get().opcode() == Opcode.TEXT
                            && HeartbeatContract.isAppHeartbeatAck(new String(m.get().payload(), StandardCharsets.UTF_8)),
                    HeartbeatContract.APP_HEARTBEAT_ACK + " (as a JSON value)", "it sent " + m.get().describe());
            return;
        }
    }

    /** The next text message, answering any pings on the way. */
    private static void expectTextSkippingPings(CheckContext ctx, Session s, String expected) throws IOException {
        // Pings keep coming on a live connection, so the wait is bounded by time, not by silence.
        long deadline = ctx.nanoTime() + ctx.timeoutMillis() * 1_000_000L;
        while (true) {
            ctx.require(ctx.nanoTime() < deadline, "the text '" + expected + "' within " + ctx.timeoutMillis() + " ms",
                    "only pings arrived");
            Optional<Session.Message> m = s.readMessage();
            if (m.isPresent() && m.get().opcode() == Opcode.PING) {
                s.send(Frame.of(Opcode.PONG, m.get().payload()));
                continue;
            }
            ctx.require(m.isPresent(), "the text '" + expected + "'", "the server closed the connection");
            ctx.require(m.get().opcode() == Opcode.TEXT && new String(m.get().payload(), StandardCharsets.UTF_8).equals(expected),
                    "the text '" + expected + "'", "it sent " + m.get().describe());
            return;
        }
    }
}
