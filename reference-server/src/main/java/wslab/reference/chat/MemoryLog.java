package wslab.reference.chat;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import wslab.api.ChatContract;

/**
 * Lesson 07's log: each room's last {@link ChatContract#HISTORY_PER_ROOM} messages in memory, and
 * the ids they came with, so a resend is recognised for as long as its message is kept. A restart
 * forgets everything; lesson 14 replaces it with a log on disk.
 */
public class MemoryLog implements ChatLog {

    private final int keep;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    public MemoryLog() {
        this(ChatContract.HISTORY_PER_ROOM);
    }

    public MemoryLog(int keep) {
        this.keep = keep;
    }

    private static final class Room {
        long latest;
        final ArrayDeque<StoredMessage> kept = new ArrayDeque<>();
        final Map<String, StoredMessage> byClientId = new HashMap<>();
    }

    private Room room(String name) {
        return rooms.computeIfAbsent(name, n -> new Room());
    }

    @Override
    public StoredMessage append(String room, String client, String id, String text) {
        Room r = room(room);
        StoredMessage m = new StoredMessage(room, nextSeq(room, r.latest), client, id, text);
        r.latest = m.seq();
        r.kept.addLast(m);
        r.byClientId.put(key(client, id), m);
        while (r.kept.size() > keep) {
            StoredMessage gone = r.kept.removeFirst();
            r.byClientId.remove(key(gone.client(), gone.id()));
        }
        return m;
    }

    /** The seq a new message gets: one more than the room's last, so a member can tell a gap. */
    protected long nextSeq(String room, long latest) {
        return latest + 1;
    }

    @Override
    public Optional<StoredMessage> find(String room, String client, String id) {
        return Optional.ofNullable(room(room).byClientId.get(key(client, id)));
    }

    @Override
    public long latest(String room) {
        return room(room).latest;
    }

    @Override
    public long oldest(String room) {
        Room r = room(room);
        return r.kept.isEmpty() ? r.latest + 1 : r.kept.peekFirst().seq();
    }

    @Override
    public List<StoredMessage> after(String room, long since) {
        return room(room).kept.stream().filter(m -> m.seq() > since).toList();
    }

    /** A client's ids are its own: two clients may both send "m-1". */
    private static String key(String client, String id) {
        return client.length() + ":" + client + id;
    }
}
