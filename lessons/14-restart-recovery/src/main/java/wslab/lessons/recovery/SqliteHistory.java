package wslab.lessons.recovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import wslab.lessons.chat.History;
import wslab.lessons.chat.MemoryHistory;

/**
 * A room's history on disk. The starter still keeps it in memory (your lesson 07 MemoryHistory),
 * so a kill loses everything: every lesson 14 check fails until this class writes to SQLite.
 *
 * <p>TODO(14.1): open {@code jdbc:sqlite:<dataDirectory>/chat.db} (org.xerial:sqlite-jdbc is on the
 * class path), run {@code PRAGMA journal_mode=WAL} and {@code PRAGMA synchronous=FULL}, and create a
 * table with one row per message: room, seq, client, id, text, with PRIMARY KEY (room, seq) and
 * UNIQUE (room, client, id). {@link #append} inserts and commits before it returns: the ack is sent
 * after it, and an ack means durable.
 * <p>TODO(14.2): {@link #latest} comes from the database when the server starts (MAX(seq)), so seqs
 * carry on after a restart instead of starting again at 1.
 * <p>TODO(14.3): {@link #find} asks the database, so a message stored before the kill is recognised
 * when its sender resends it after the restart.
 * <p>TODO(14.4): {@link #after} reads the database, not a cache filled since the last start.
 * <p>Several rooms share one database file: use one connection for all of them (a static map of
 * data directory to connection, or pass one in from {@link DurableServer}) and never wait for the
 * network while a transaction is open.
 */
public final class SqliteHistory implements History {

    private final History inMemory;

    public SqliteHistory(Path dataDirectory, String room) {
        this.inMemory = new MemoryHistory(room);
    }

    @Override
    public Stored append(String client, String id, String text) {
        return inMemory.append(client, id, text);
    }

    @Override
    public Optional<Stored> find(String client, String id) {
        return inMemory.find(client, id);
    }

    @Override
    public long latest() {
        return inMemory.latest();
    }

    @Override
    public long oldest() {
        return inMemory.oldest();
    }

    @Override
    public List<Stored> after(long since) {
        return inMemory.after(since);
    }
}
