package wslab.lessons.recovery;

import wslab.api.ChatContract;
import wslab.api.DurableRegistration;
import wslab.lessons.chat.ChatServer;
import wslab.lessons.chat.Rooms;

/**
 * Lesson 14 starter: your lesson 07 chat server, each room's history in {@link SqliteHistory}.
 * The grader gives the server a data directory, kills it with SIGKILL and starts it again on the
 * same directory: everything it acknowledged must be there.
 */
public final class DurableServer {

    private DurableServer() {
    }

    /** Lets {@code ./wslab grade 14} find this starter. */
    public static final class Starter extends DurableRegistration {
        public Starter() {
            super("14", "starter", ChatContract.PATH, (env, dir) -> new ChatServer(env, new Rooms(room -> new SqliteHistory(dir, room))));
        }
    }
}
