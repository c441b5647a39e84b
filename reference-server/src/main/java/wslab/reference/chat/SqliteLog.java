package wslab.reference.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import wslab.api.ChatContract;

/**
 * Lesson 14's log: every message in an SQLite database in the server's data directory, so a
 * server killed with SIGKILL finds, on restart, every message it ever acknowledged, with its seq
 * and its (client, id). WAL mode with {@code synchronous=FULL}: an insert returns only once its
 * commit is on disk, so an ack after {@link #append} means durable, through a power cut too.
 * One connection serves every room, one statement at a time.
 */
public class SqliteLog implements ChatLog {

    /** The database file, in the data directory. */
    public static final String FILE = "chat.db";

    private final Connection db;
    private final int keep;
    /** Each room's last seq, read from disk once, then kept here. */
    private final Map<String, Long> latest = new HashMap<>();

    protected SqliteLog(Path dataDirectory, int keep) {
        this.keep = keep;
        try {
            Files.createDirectories(dataDirectory);
            db = DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve(FILE));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + synchronous());
                s.execute("PRAGMA cache_size=-512");
                s.execute("PRAGMA busy_timeout=2000");
                s.execute(schema());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the chat log in " + dataDirectory + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SqliteLog open(Path dataDirectory) {
        return new SqliteLog(dataDirectory, ChatContract.HISTORY_PER_ROOM);
    }

    /** FULL: the commit waits for the disk, so an acknowledged message survives a power cut, not only a kill. */
    protected String synchronous() {
        return "FULL";
    }

    /** One row per message; a (client, id) is stored once per room, a seq once per room. */
    protected String schema() {
        return "CREATE TABLE IF NOT EXISTS messages (room TEXT NOT NULL, seq INTEGER NOT NULL, client TEXT NOT NULL,"
                + " id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (room, seq), UNIQUE (room, client, id))";
    }

    @Override
    public synchronized StoredMessage append(String room, String client, String id, String text) {
        StoredMessage m = new StoredMessage(room, latest(room) + 1, client, id, text);
        store(m);
        latest.put(room, m.seq());
        return m;
    }

    /** Inserts one message in its own transaction: committed when this returns. */
    protected synchronized void store(StoredMessage m) {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO messages (room, seq, client, id, text) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, m.room());
            insert.setLong(2, m.seq());
            insert.setString(3, m.client());
            insert.setString(4, m.id());
            insert.setString(5, m.text());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store seq " + m.seq() + " of " + m.room() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<StoredMessage> find(String room, String client, String id) {
        List<StoredMessage> found = query("SELECT room, seq, client, id, text FROM messages WHERE room = ? AND client = ? AND id = ?",
                room, client, id);
        return found.stream().findFirst();
    }

    @Override
    public synchronized long latest(String room) {
        return latest.computeIfAbsent(room, this::latestOnDisk);
    }

    /** The room's last seq as the database has it: where a restarted server carries on. */
    protected long latestOnDisk(String room) {
        try (PreparedStatement q = db.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room = ?")) {
            q.setString(1, room);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the chat log: " + e.getMessage(), e);
        }
    }

    /** Everything stays on disk; replay serves the last {@code keep}, which is what the contract promises. */
    @Override
    public synchronized long oldest(String room) {
        long last = latest(room);
        return last == 0 ? 1 : Math.max(1, last - keep + 1);
    }

    @Override
    public synchronized List<StoredMessage> after(String room, long since) {
        long from = Math.max(since, oldest(room) - 1);
        return query("SELECT room, seq, client, id, text FROM messages WHERE room = ? AND seq > ? ORDER BY seq", room, from);
    }

    private List<StoredMessage> query(String sql, Object... args) {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            List<StoredMessage> out = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredMessage(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the chat log: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // Closing is the last thing it does; the data is committed already.
        }
    }
}
