package wslab.reference.chat;

import wslab.api.ChatContract;
import wslab.api.DurableRegistration;

/**
 * Lesson 14's reference: lesson 07's chat server with its log in SQLite, in the data directory
 * the grader gives. Nothing else changes: the seqs, the dedupe and the replay all read the log,
 * so a restarted server carries on where the killed one stopped.
 */
public final class DurableChatServer {

    private DurableChatServer() {
    }

    /** Publishes it as lesson 14's reference. */
    public static final class Reference extends DurableRegistration {
        public Reference() {
            super("14", "reference", ChatContract.PATH, (env, dir) -> new ChatServer(env, new ChatRooms(SqliteLog.open(dir))));
        }
    }
}
