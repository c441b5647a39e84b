package wslab.faults.embedded;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One client connection through a proxy, and its connection to the upstream. */
final class Link {

    private final ProxyInstance proxy;
    private final Socket client;
    private final Socket server;
    private final ScheduledExecutorService timers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger halfClosed = new AtomicInteger();
    /** Toxicity is drawn once per connection and toxic (a toxic has one stream), not per chunk. */
    private final Map<String, Boolean> rolls = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    /** When each timed toxic started counting on this link, so data never outruns a due reset. */
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();

    Link(ProxyInstance proxy, Socket client, Socket server, ScheduledExecutorService timers) {
        this.proxy = proxy;
        this.client = client;
        this.server = server;
        this.timers = timers;
    }

    void start() {
        // Timed toxics start counting before any byte can pass.
        toxicsChanged();
        new Pipe(this, Toxic.Stream.UPSTREAM, client, server).start(proxy.name());
        new Pipe(this, Toxic.Stream.DOWNSTREAM, server, client).start(proxy.name());
    }

    List<Toxic> activeToxics(Toxic.Stream stream) {
        return proxy.toxics().stream().filter(t -> t.stream() == stream).filter(this::applies).toList();
    }

    private boolean applies(Toxic t) {
        return rolls.computeIfAbsent(t.name() + "/" + t.toxicity(), k -> ThreadLocalRandom.current().nextDouble() < t.toxicity());
    }

    /** Starts the clocks of timed toxics that just arrived and stops those of toxics removed. */
    void toxicsChanged() {
        List<Toxic> now = proxy.toxics();
        scheduled.keySet().removeIf(name -> {
            if (now.stream().noneMatch(t -> t.name().equals(name))) {
                scheduled.get(name).cancel(false);
                return true;
            }
            return false;
        });
        for (Toxic t : now) {
            if (scheduled.containsKey(t.name()) || !applies(t)) {
                continue;
            }
            startedNanos.put(t.name(), System.nanoTime());
            if (t.type() == ToxicType.TIMEOUT && t.attr("timeout") > 0) {
                scheduled.put(t.name(), timers.schedule(this::close, t.attr("timeout"), TimeUnit.MILLISECONDS));
            } else if (t.type() == ToxicType.RESET_PEER) {
                Socket victim = t.stream() == Toxic.Stream.DOWNSTREAM ? client : server;
                scheduled.put(t.name(), timers.schedule(() -> reset(victim), t.attr("timeout"), TimeUnit.MILLISECONDS));
            }
        }
    }

    /**
     * Whether a reset_peer toxic on {@code stream} is due; if so the reset happens now, before
     * any more data passes. The timer alone could lose the race to a fast echo.
     */
    boolean resetIfDue(Toxic.Stream stream, List<Toxic> active) {
        for (Toxic t : active) {
            Long started = startedNanos.get(t.name());
            if (t.type() == ToxicType.RESET_PEER && started != null
                    && System.nanoTime() - started >= t.attr("timeout") * 1_000_000L) {
                reset(stream == Toxic.Stream.DOWNSTREAM ? client : server);
                return true;
            }
        }
        return false;
    }

    /** A FIN in one direction; the link ends when both directions have finished. */
    void halfClose(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        if (halfClosed.incrementAndGet() == 2) {
            close();
        }
    }

    /** SO_LINGER 0 makes close() send RST: the peer sees "connection reset", not an orderly end. */
    private void reset(Socket victim) {
        try {
            victim.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Already closed: nothing to reset.
        }
        close();
    }

    boolean isClosed() {
        return closed.get();
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduled.values().forEach(f -> f.cancel(false));
        quietlyClose(client);
        quietlyClose(server);
        proxy.forget(this);
    }

    private static void quietlyClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Best effort.
        }
    }
}
