package wslab.reference.chat;

import java.util.List;
import java.util.Optional;

/**
 * Where a server keeps each room's messages: in memory (lesson 07) or on disk (lesson 14). Every
 * call for one room comes under that room's lock, so an implementation needs no locking of its own
 * per room; calls for different rooms may come at once.
 */
public interface ChatLog extends AutoCloseable {

    /**
     * Stores a new message under the next seq of its room and returns it. When this returns, the
     * message is as safe as this log makes it: an ack may be sent.
     */
    StoredMessage append(String room, String client, String id, String text);

    /** The message {@code client} sent to {@code room} under {@code id}, if the room still keeps it. */
    Optional<StoredMessage> find(String room, String client, String id);

    /** The room's last seq, 0 if it has none. */
    long latest(String room);

    /** The oldest seq the room keeps; {@code latest + 1} when it keeps none. */
    long oldest(String room);

    /** The kept messages after {@code since}, in seq order. */
    List<StoredMessage> after(String room, long since);

    @Override
    default void close() {
    }
}
