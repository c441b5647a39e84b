package wslab.api;

/**
 * What a chat client (lesson 07c) tells its application, on top of {@link ClientEvents}: each
 * room's messages in seq order, each once, and the moment a room's history cannot be recovered.
 */
public interface ChatEvents extends ClientEvents {

    /** The next message of {@code room}: seqs come in order, with no gap and none twice. */
    void delivered(String room, long seq, String client, String id, String text);

    /**
     * The server no longer keeps what followed the client's last seq: the messages between it and
     * {@code oldest} are gone from this room's stream, and the application should show the gap (and
     * fetch them another way).
     */
    default void cannotRecover(String room, long oldest, long latest) {
    }
}
