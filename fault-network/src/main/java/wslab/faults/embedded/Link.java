package wslab.faults.embedded;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One client connection through a proxy and its connection to the upstream: two pipes and the toxics' state. */
final class Link {

    private final SocketProxy proxy;
    private final Socket client;
    private final Socket server;
    private final Pipe upstream;
    private final Pipe downstream;
    private final Map<String, ToxicState> states = new ConcurrentHashMap<>();
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
    }

    void toxicUpdated(Toxic t) {
        states.compute(t.name(), (name, old) -> old == null ? new ToxicState(t) : old.restartedAs(t));
    }

    /** Toxiproxy closes a connection when a timeout toxic acting on it is removed: the data it dropped left a gap. */
    void toxicRemoved(Toxic t) {
        ToxicState s = states.remove(t.name());
        if (s != null && s.applies && t.type() == ToxicType.TIMEOUT) {
            (t.stream() == Stream.UPSTREAM ? upstream : downstream).cut();
        }
    }

    /** The toxics that act on this connection in {@code stream}, in the order they were added. */
    List<ToxicState> active(Stream stream) {
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
        return result;
    }

    long toxicsVersion() {
        return proxy.toxicsVersion();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Cuts both sides at once with an orderly close: the proxy was disabled or deleted. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** reset_peer: SO_LINGER 0 makes close() send RST, so each peer sees "connection reset", not EOF. */
    void reset() {
        if (closed.compareAndSet(false, true)) {
            lingerZero(client);
            lingerZero(server);
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    void pipeFinished() {
        if (finishedPipes.incrementAndGet() == 2) {
            closed.set(true);
            proxy.forget(this);
        }
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
