package wslab.lessons.recovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import wslab.api.ChatContract;
import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.reference.chat.ChatLog;
import wslab.reference.chat.ChatRooms;
import wslab.reference.chat.ChatServer;
import wslab.reference.chat.SqliteLog;
import wslab.reference.chat.StoredMessage;

/** Lesson 14's reference, broken one way at a time: each is a way real servers lose or double messages on a crash. */
final class RecoveryMutants {

    private RecoveryMutants() {
    }

    private static BiFunction<LabEnvironment, Path, LabServer> withLog(BiFunction<LabEnvironment, Path, ChatLog> log) {
        return (env, dir) -> new ChatServer(env, new ChatRooms(log.apply(env, dir)));
    }

    /** The log on disk, with its protected parts reachable from here. */
    private static class Disk extends SqliteLog {
        Disk(Path dir) {
            super(dir, ChatContract.HISTORY_PER_ROOM);
        }

        void put(StoredMessage m) {
            store(m);
        }
    }

    /** Lesson 07's server as it is: the log lives in memory and dies with the process. */
    static BiFunction<LabEnvironment, Path, LabServer> inMemoryLog() {
        return (env, dir) -> new ChatServer(env);
    }

    /**
     * Write-behind: a message is acknowledged and broadcast at once and written to disk by a timer
     * every 50 ms. A kill between the two loses messages their senders were told are safe.
     */
    static BiFunction<LabEnvironment, Path, LabServer> ackBeforeCommit() {
        return withLog((env, dir) -> new WriteBehind(new Disk(dir), env.newLoop("flush-every-50-ms")));
    }

    private static final class WriteBehind implements ChatLog {
        private final Disk disk;
        private final List<StoredMessage> pending = new ArrayList<>();
        private final Map<String, Long> latest = new HashMap<>();

        WriteBehind(Disk disk, EventLoop flusher) {
            this.disk = disk;
            flusher.every(Duration.ofMillis(50), this::flush);
        }

        private synchronized void flush() {
            pending.forEach(disk::put);
            pending.clear();
        }

        @Override
        public synchronized StoredMessage append(String room, String client, String id, String text) {
            StoredMessage m = new StoredMessage(room, latest(room) + 1, client, id, text);
            pending.add(m);
            latest.put(room, m.seq());
            return m;
        }

        @Override
        public synchronized Optional<StoredMessage> find(String room, String client, String id) {
            return pending.stream().filter(m -> m.room().equals(room) && m.client().equals(client) && m.id().equals(id)).findFirst()
                    .or(() -> disk.find(room, client, id));
        }

        @Override
        public synchronized long latest(String room) {
            return latest.computeIfAbsent(room, disk::latest);
        }

        @Override
        public synchronized long oldest(String room) {
            return Math.max(1, latest(room) - ChatContract.HISTORY_PER_ROOM + 1);
        }

        @Override
        public synchronized List<StoredMessage> after(String room, long since) {
            return Stream.concat(disk.after(room, since).stream(),
                    pending.stream().filter(m -> m.room().equals(room) && m.seq() > since)).toList();
        }
    }

    /** Messages on disk, the ids already seen in memory: after a restart a resent message is stored again. */
    static BiFunction<LabEnvironment, Path, LabServer> dedupeNotDurable() {
        return withLog((env, dir) -> new Disk(dir) {
            private final Map<String, StoredMessage> seen = new HashMap<>();

            @Override
            protected String schema() {
                return "CREATE TABLE IF NOT EXISTS messages (room TEXT NOT NULL, seq INTEGER NOT NULL, client TEXT NOT NULL,"
                        + " id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (room, seq))";
            }

            @Override
            public synchronized StoredMessage append(String room, String client, String id, String text) {
                StoredMessage m = super.append(room, client, id, text);
                seen.put(room + "/" + client + "/" + id, m);
                return m;
            }

            @Override
            public synchronized Optional<StoredMessage> find(String room, String client, String id) {
                return Optional.ofNullable(seen.get(room + "/" + client + "/" + id));
            }
        });
    }

    /** The seq counter starts again at 0 on every start (and the table does not stop a seq being reused). */
    static BiFunction<LabEnvironment, Path, LabServer> seqRestartsAtOne() {
        return withLog((env, dir) -> new Disk(dir) {
            @Override
            protected String schema() {
                return "CREATE TABLE IF NOT EXISTS messages (room TEXT NOT NULL, seq INTEGER NOT NULL, client TEXT NOT NULL,"
                        + " id TEXT NOT NULL, text TEXT NOT NULL)";
            }

            @Override
            protected long latestOnDisk(String room) {
                return 0;
            }
        });
    }

    /** Replays from a cache filled since this start: after a restart the history on disk is never read. */
    static BiFunction<LabEnvironment, Path, LabServer> replayFromACacheFilledSinceStart() {
        return withLog((env, dir) -> new Disk(dir) {
            private final List<StoredMessage> cache = new ArrayList<>();

            @Override
            public synchronized StoredMessage append(String room, String client, String id, String text) {
                StoredMessage m = super.append(room, client, id, text);
                cache.add(m);
                return m;
            }

            @Override
            public synchronized List<StoredMessage> after(String room, long since) {
                return cache.stream().filter(m -> m.room().equals(room) && m.seq() > since).toList();
            }
        });
    }
}
