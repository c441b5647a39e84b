package wslab.lessons.chat;

import java.util.List;
import java.util.Optional;

/** One room's messages, kept for replay and for telling a resend from a new message. */
public interface History {

    /** A message as stored: its seq, who sent it, its id and text. */
    record Stored(long seq, String client, String id, String text) {
    }

    /** Stores a new message with the next seq and returns it. */
    Stored append(String client, String id, String text);

    /** The message {@code client} sent under {@code id}, if it is still kept. */
    Optional<Stored> find(String client, String id);

    /** The last seq, 0 if none. */
    long latest();

    /** The oldest seq still kept; {@code latest() + 1} if none. */
    long oldest();

    /** The kept messages after {@code since}, in seq order. */
    List<Stored> after(long since);
}
