package wslab.checks.lesson07;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import wslab.api.ChatContract;
import wslab.grader.CheckContext;

/** The waits and verdicts lesson 07's checks share; messages compared as JSON values. */
public final class Expect {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A broadcast message as the protocol defines it. */
    public record Msg(long seq, String client, String id, String text) {
        JsonNode json(String room) {
            try {
                return JSON.readTree(ChatContract.message(room, seq, client, id, text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Expect() {
    }

    /** Joins (with {@code since}, if not null) and requires {@code joined}; returns its {@code latest}. */
    public static long joined(CheckContext ctx, ChatPeer peer, String room, String client, Long since) throws Exception {
        if (since == null) {
            peer.join(room, client);
        } else {
            peer.join(room, client, since);
        }
        String asked = since == null ? ChatContract.join(room, client) : ChatContract.join(room, client, since);
        Optional<ChatPeer.Received> answer = peer.awaitJoinAnswer(room, ctx.timeoutMillis());
        ctx.require(answer.isPresent() && answer.get().type().equals("joined"),
                "{\"type\":\"joined\",\"room\":\"" + room + "\",\"latest\":<seq>} in answer to " + asked,
                answer.map(a -> "it answered " + a.raw()).orElse("no answer within " + ctx.timeoutMillis() + " ms: " + peer.describe()));
        JsonNode latest = answer.get().json().path("latest");
        ctx.require(latest.canConvertToLong() && latest.asLong() >= 0, "joined with latest, the room's last seq (0 if none)",
                answer.get().raw());
        return latest.asLong();
    }

    /** Waits for the ack of {@code id} and returns its seq. */
    public static long ack(CheckContext ctx, ChatPeer peer, String id) throws Exception {
        peer.await(p -> !p.acks(id).isEmpty(), ctx.timeoutMillis());
        List<ChatPeer.Received> acks = peer.acks(id);
        ctx.require(!acks.isEmpty(), "{\"type\":\"ack\",\"room\":...,\"id\":\"" + id + "\",\"seq\":<seq>} within "
                + ctx.timeoutMillis() + " ms", peer.name() + " got " + peer.describe());
        JsonNode seq = acks.get(0).json().path("seq");
        ctx.require(seq.canConvertToLong() && seq.asLong() > 0, "an ack with a positive integer seq", acks.get(0).raw());
        return seq.asLong();
    }

    /** {@code peer} receives exactly {@code expected} in {@code room}, compared as JSON values. */
    public static void messages(CheckContext ctx, ChatPeer peer, String room, List<Msg> expected) throws Exception {
        peer.await(p -> p.messages(room).size() >= expected.size(), ctx.timeoutMillis());
        List<ChatPeer.Received> got = peer.messages(room);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i).json(room);
            ctx.require(i < got.size() && got.get(i).json().equals(want), peer.name() + " to receive " + want,
                    i < got.size() ? "it received " + got.get(i).raw() : peer.name() + " got " + peer.describe());
        }
    }

    /** The highest seq {@code peer} holds with none missing after {@code base}. */
    public static long contiguous(ChatPeer peer, String room, long base) {
        long seen = base;
        for (long s : peer.seqs(room)) {
            if (s == seen + 1) {
                seen = s;
            }
        }
        return seen;
    }

    /** A send message whose JSON text is exactly {@code bytes} bytes of UTF-8. */
    public static String sendOfSize(String room, String id, int bytes) {
        String empty = ChatContract.send(room, id, "");
        ObjectNode n;
        try {
            n = (ObjectNode) JSON.readTree(empty);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        n.put("text", "x".repeat(Math.max(0, bytes - empty.length())));
        String text = n.toString();
        if (text.length() != bytes) {
            throw new IllegalStateException("built " + text.length() + " bytes, not " + bytes);
        }
        return text;
    }

    /** [1, 2, 3, ... 40] with the middle left out of long lists. */
    public static String shortList(List<Long> seqs) {
        if (seqs.size() <= 16) {
            return seqs.toString();
        }
        return seqs.subList(0, 8).toString().replace("]", ", ...") + " (" + seqs.size() + " in all) ..., "
                + seqs.subList(seqs.size() - 4, seqs.size()).toString().replace("[", "");
    }

    public static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(nothing)";
            String y = i < b.size() ? b.get(i) : "(nothing)";
            if (!x.equals(y)) {
                return "message #" + (i + 1) + ": " + x + " against " + y;
            }
        }
        return "no difference";
    }
}
