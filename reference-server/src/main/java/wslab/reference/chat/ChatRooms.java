package wslab.reference.chat;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import wslab.api.ChatContract;

/**
 * The chat protocol's rules over every room: seqs per room, one stored copy per (client, id),
 * broadcast in seq order, replay after a seq or an explicit cannot-recover. Each room has its own
 * lock, so a busy room never waits for another; under it the log is written and every member is
 * written to, which keeps each member's stream in seq order and a join's replay contiguous with
 * the live messages after it. Each rule is its own method so a broken variant can replace one.
 */
public class ChatRooms implements AutoCloseable {

    private final ChatLog log;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Set<Member>> members = new ConcurrentHashMap<>();

    public ChatRooms(ChatLog log) {
        this.log = log;
    }

    /** What a join came to. */
    public enum Joined { JOINED, CANNOT_RECOVER }

    /**
     * Joins {@code member} to {@code room}: {@code joined}, then every kept message after
     * {@code since} (if given), then live messages; or {@code cannot-recover}, and no join, when
     * the room no longer keeps (or never had) what comes after {@code since}.
     */
    public Joined join(String room, Member member, OptionalLong since) throws IOException {
        synchronized (lock(room)) {
            long latest = log.latest(room);
            long oldest = log.oldest(room);
            if (since.isPresent() && !recoverable(since.getAsLong(), oldest, latest)) {
                member.deliver(ChatContract.cannotRecover(room, since.getAsLong(), oldest, latest));
                return Joined.CANNOT_RECOVER;
            }
            if (!admit(room, member)) {
                member.deliver(ChatContract.joined(room, latest));
                return Joined.JOINED;
            }
            member.deliver(ChatContract.joined(room, latest));
            if (since.isPresent()) {
                for (StoredMessage m : log.after(room, replayAfter(room, member, since.getAsLong()))) {
                    deliver(member, m);
                }
            }
            return Joined.JOINED;
        }
    }

    /**
     * Takes in a message: stored and broadcast once, whatever number of times it is sent. Returns
     * the seq to acknowledge: the new one, or for a resend the one it got the first time.
     */
    public long send(String room, Member sender, String id, String text) throws IOException {
        synchronized (lock(room)) {
            Optional<StoredMessage> earlier = previous(room, sender.client(), id);
            if (earlier.isPresent()) {
                return earlier.get().seq();
            }
            StoredMessage stored = log.append(room, sender.client(), id, text);
            for (Member m : List.copyOf(members(room))) {
                deliver(m, stored);
            }
            return stored.seq();
        }
    }

    /** Stops delivering {@code room} to {@code member}. */
    public void leave(String room, Member member) {
        synchronized (lock(room)) {
            members(room).remove(member);
        }
    }

    // ---- the rules, one method each ------------------------------------------------------------

    protected boolean recoverable(long since, long oldest, long latest) {
        return ChatContract.recoverable(since, oldest, latest);
    }

    /** Adds the member; a client may be joined from a new connection before its old one is noticed dead. */
    protected boolean admit(String room, Member member) {
        return members(room).add(member);
    }

    /** The seq after which the replay starts: what the client says it has seen. */
    protected long replayAfter(String room, Member member, long since) {
        return since;
    }

    /** The first copy of a resent message, if the room still keeps it. */
    protected Optional<StoredMessage> previous(String room, String client, String id) {
        return log.find(room, client, id);
    }

    /** Writes a stored message to one member; a member whose connection has failed is dropped. */
    protected void deliver(Member member, StoredMessage m) {
        try {
            member.deliver(m.toWire());
        } catch (IOException e) {
            members(m.room()).remove(member);
        }
    }

    /** The members of {@code room}, for variants that look at them; call under the room's lock. */
    protected final Set<Member> members(String room) {
        return members.computeIfAbsent(room, r -> new LinkedHashSet<>());
    }

    protected final Object lock(String room) {
        return locks.computeIfAbsent(room, r -> new Object());
    }

    protected final ChatLog log() {
        return log;
    }

    @Override
    public void close() {
        log.close();
    }
}
