package wslab.faults.embedded;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One client connection through a proxy and its connection to the upstream: two pipes and the toxics' state. */
final class Link {

    /** The toxics acting on one stream as they stood at one count of toxic changes. */
    private record ActiveToxics(long changes, List<ToxicState> toxics) {
    }

    private final SocketProxy proxy;
    private final Socket client;
    private final Socket server;
    private final Pipe upstream;
    private final Pipe downstream;
    private final Map<String, ToxicState> states = new ConcurrentHashMap<>();
    /** Bumped after every change to this link's toxics, before the pipes are woken to look again. */
    private final AtomicLong toxicChanges = new AtomicLong();
    private volatile ActiveToxics upstreamActive;
    private volatile ActiveToxics downstreamActive;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger finishedPipes = new AtomicInteger();

    Link(SocketProxy proxy, Socket client, Socket server) {
        this.proxy = proxy;
        this.client = client;
        this.server = server;
        this.upstream = new Pipe(this, Stream.UPSTREAM, client, server);
        this.downstream = new Pipe(this, Stream.DOWNSTREAM, server, client);
    }

    void start(String threadPrefix) {
        // Toxics already on the proxy start with the connection, before any byte passes.
        proxy.toxics().forEach(this::toxicAdded);
        upstream.start(threadPrefix);
        downstream.start(threadPrefix);
    }

    void toxicAdded(Toxic t) {
        states.put(t.name(), new ToxicState(t));
        toxicsChanged(t.stream());
    }

    void toxicUpdated(Toxic t) {
        states.compute(t.name(), (name, old) -> old == null ? new ToxicState(t) : old.restartedAs(t));
        toxicsChanged(t.stream());
    }

    /** Toxiproxy closes a connection when a timeout toxic acting on it is removed: the data it dropped left a gap. */
    void toxicRemoved(Toxic t) {
        ToxicState s = states.remove(t.name());
        toxicsChanged(t.stream());
        if (s != null && s.applies && t.type() == ToxicType.TIMEOUT) {
            pipe(t.stream()).cut();
        }
    }

    private void toxicsChanged(Stream stream) {
        toxicChanges.incrementAndGet();
        pipe(stream).wake();
    }

    private Pipe pipe(Stream stream) {
        return stream == Stream.UPSTREAM ? upstream : downstream;
    }

    /**
     * The toxics that act on this connection in {@code stream}, in the order they were added.
     * Read for every chunk, so it is built again only after a toxic changed.
     */
    List<ToxicState> active(Stream stream) {
        long changes = toxicChanges.get();
        ActiveToxics known = stream == Stream.UPSTREAM ? upstreamActive : downstreamActive;
        if (known != null && known.changes() == changes) {
            return known.toxics();
        }
        ActiveToxics fresh = new ActiveToxics(changes, collect(stream));
        if (stream == Stream.UPSTREAM) {
            upstreamActive = fresh;
        } else {
            downstreamActive = fresh;
        }
        return fresh.toxics();
    }

    private List<ToxicState> collect(Stream stream) {
        List<ToxicState> result = new ArrayList<>(2);
        for (Toxic t : proxy.toxicsOn(stream)) {
            ToxicState s = states.get(t.name());
            if (s == null || s.toxic != t) {
                // An add or update raced with this connection's start; catch up now.
                s = states.compute(t.name(), (name, old) -> old == null ? new ToxicState(t) : old.toxic == t ? old : old.restartedAs(t));
            }
            if (s.applies) {
                result.add(s);
            }
        }
        return List.copyOf(result);
    }

    /** Counts toxic changes, so a pipe waiting out a delay knows when to look at its toxics again. */
    long toxicChanges() {
        return toxicChanges.get();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Cuts both sides at once with an orderly close: the proxy was disabled or deleted. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(server);
            wakeBoth();
        }
    }

    /** reset_peer: SO_LINGER 0 makes close() send RST, so each peer sees "connection reset", not EOF. */
    void reset() {
        if (closed.compareAndSet(false, true)) {
            lingerZero(client);
            lingerZero(server);
            closeQuietly(client);
            closeQuietly(server);
            wakeBoth();
        }
    }

    void pipeFinished() {
        if (finishedPipes.incrementAndGet() == 2) {
            closed.set(true);
            proxy.forget(this);
        }
    }

    private void wakeBoth() {
        upstream.wake();
        downstream.wake();
    }

    private static void lingerZero(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed: there is nothing left to reset.
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
