package wslab.faults.embedded;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import wslab.sim.Receiver;
import wslab.sim.SimEndpoint;
import wslab.sim.SimNetwork;
import wslab.sim.Simulation;

/**
 * A proxy on a simulated network: the same toxics as {@link SocketProxy}'s {@link Pipe}, with the
 * same semantics, but driven by the simulation's virtual clock instead of threads. Each direction
 * takes bytes as they arrive (a diverted {@link SimEndpoint}) and schedules their delivery:
 * latency counts from arrival and never reorders, reset_peer and timeout hold or drop everything,
 * slicer and bandwidth pace the pieces, limit_data ends the direction, slow_close delays the end.
 * The same measurement tests run against both ({@code ToxicBehaviourTest}).
 */
final class SimulatedProxy extends ProxyInstance {

    private final Simulation sim;
    private final Set<SimLink> links = new LinkedHashSet<>();
    private int port = -1;

    SimulatedProxy(String name, String listen, String upstream, Simulation sim) {
        super(name, listen, upstream);
        this.sim = sim;
    }

    @Override
    String bind(String listen, String upstream) throws IOException {
        HostPort l = parse(listen);
        HostPort up = parse(upstream);
        port = sim.network().bind(l.port(), client -> accepted(client, up.port()));
        return SimNetwork.HOST + ":" + port;
    }

    @Override
    void unbindAndCut() {
        sim.locked(() -> {
            sim.network().unbind(port);
            for (SimLink l : new ArrayList<>(links)) {
                l.close();
            }
            return null;
        });
    }

    /** A client connected: dial upstream at once, or hang up on it as Toxiproxy does when the upstream is unreachable. */
    private void accepted(SimEndpoint client, int upstreamPort) {
        SimEndpoint server;
        try {
            server = sim.network().open(upstreamPort);
        } catch (ConnectException e) {
            client.hangUp();
            return;
        }
        SimLink link = new SimLink(client, server);
        links.add(link);
        link.start();
    }

    @Override
    int openConnections() {
        return sim.locked(links::size);
    }

    @Override
    void toxicAdded(Toxic toxic) {
        sim.locked(() -> {
            new ArrayList<>(links).forEach(l -> l.toxicAdded(toxic));
            return null;
        });
    }

    @Override
    void toxicUpdated(Toxic toxic) {
        sim.locked(() -> {
            new ArrayList<>(links).forEach(l -> l.toxicUpdated(toxic));
            return null;
        });
    }

    @Override
    void toxicRemoved(Toxic toxic) {
        sim.locked(() -> {
            new ArrayList<>(links).forEach(l -> l.toxicRemoved(toxic));
            return null;
        });
    }

    private long now() {
        return sim.nanoTime();
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** What one toxic remembers on one connection; toxicity is drawn once, when it starts here. */
    private final class State {
        final Toxic toxic;
        final boolean applies;
        long quietSince;
        long resetDue = -1;
        long bytesPassed;
        long nextFree;
        Simulation.Event timer;

        State(Toxic toxic, long bytesPassed) {
            this.toxic = toxic;
            this.applies = sim.random().nextDouble() < toxic.toxicity();
            this.quietSince = now();
            this.bytesPassed = bytesPassed;
        }

        State restartedAs(Toxic updated) {
            cancelTimer();
            return new State(updated, bytesPassed);
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }

    /** One client connection and its upstream connection: two directions and the toxics' state. Guarded by the simulation's lock. */
    private final class SimLink {
        final SimEndpoint client;
        final SimEndpoint server;
        final Map<String, State> states = new HashMap<>();
        final Direction up;
        final Direction down;
        boolean closed;
        int finished;

        SimLink(SimEndpoint client, SimEndpoint server) {
            this.client = client;
            this.server = server;
            this.up = new Direction(this, Stream.UPSTREAM, server);
            this.down = new Direction(this, Stream.DOWNSTREAM, client);
            up.other = down;
            down.other = up;
        }

        void start() {
            // Toxics already on the proxy start with the connection, before any byte passes.
            toxics().forEach(t -> states.put(t.name(), new State(t, 0)));
            client.divert(up);
            server.divert(down);
            up.pump();
            down.pump();
        }

        List<State> active(Stream stream) {
            List<State> result = new ArrayList<>(2);
            for (Toxic t : toxicsOn(stream)) {
                State s = states.get(t.name());
                if (s == null || s.toxic != t) {
                    s = s == null ? new State(t, 0) : s.restartedAs(t);
                    states.put(t.name(), s);
                }
                if (s.applies) {
                    result.add(s);
                }
            }
            return result;
        }

        void toxicAdded(Toxic t) {
            states.put(t.name(), new State(t, 0));
            up.toxicsChanged();
            down.toxicsChanged();
        }

        void toxicUpdated(Toxic t) {
            State old = states.get(t.name());
            states.put(t.name(), old == null ? new State(t, 0) : old.restartedAs(t));
            up.toxicsChanged();
            down.toxicsChanged();
        }

        /** Toxiproxy closes a connection when a timeout toxic acting on it is removed: the data it dropped left a gap. */
        void toxicRemoved(Toxic t) {
            State s = states.remove(t.name());
            if (s != null) {
                s.cancelTimer();
                if (s.applies && t.type() == ToxicType.TIMEOUT) {
                    (t.stream() == Stream.UPSTREAM ? up : down).finish();
                }
            }
            up.toxicsChanged();
            down.toxicsChanged();
        }

        /** Both sides closed at once, orderly: the proxy was disabled or deleted. */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            up.stop();
            down.stop();
            client.hangUp();
            server.hangUp();
            links.remove(this);
        }

        /** reset_peer: each peer sees "connection reset", not an orderly end. */
        void reset() {
            if (closed) {
                return;
            }
            closed = true;
            up.stop();
            down.stop();
            client.sendReset();
            server.sendReset();
            links.remove(this);
        }

        void directionFinished() {
            if (++finished == 2) {
                closed = true;
                links.remove(this);
            }
        }
    }

    /** A chunk as it arrived; {@code data == null} is the source's end. */
    private static final class Chunk {
        final byte[] data;
        final long arrival;
        int sent;
        long latencyDue = -1;
        long latencyVersion = -1;
        /** Bytes of this chunk limit_data lets through, or -1 before it was looked at. */
        int allowed = -1;
        boolean limitReached;
        /** A piece reserved on the bandwidth and waiting for its moment; 0 if none. */
        int reserved;

        Chunk(byte[] data, long arrival) {
            this.data = data;
            this.arrival = arrival;
        }

        boolean isEnd() {
            return data == null;
        }
    }

    /** One direction of a link: receives from its source endpoint, delivers to {@code to}. */
    private final class Direction implements Receiver {
        final SimLink link;
        final Stream stream;
        final SimEndpoint to;
        Direction other;
        final ArrayDeque<Chunk> queue = new ArrayDeque<>();
        Simulation.Event wait;
        boolean busy;
        /** A latency wait is recomputed when toxics change; a bandwidth, slicer or slow_close pause is not. */
        boolean waitingOnLatency;
        boolean done;
        /** The source ended while a reset_peer toxic held the stream. */
        boolean endedUnderReset;

        Direction(SimLink link, Stream stream, SimEndpoint to) {
            this.link = link;
            this.stream = stream;
            this.to = to;
        }

        @Override
        public void data(byte[] bytes) {
            if (!done && !link.closed) {
                queue.add(new Chunk(bytes, now()));
                pump();
            }
        }

        @Override
        public void end() {
            if (!done && !link.closed) {
                queue.add(new Chunk(null, now()));
                pump();
            }
        }

        /** A reset or a socket closed under us ends the stream just as EOF does. */
        @Override
        public void reset() {
            end();
        }

        void toxicsChanged() {
            if (busy && waitingOnLatency && wait != null) {
                // A latency being waited out is computed again with the new toxics, as the socket proxy does.
                wait.cancel();
                wait = null;
                busy = false;
            }
            pump();
        }

        void stop() {
            done = true;
            if (wait != null) {
                wait.cancel();
            }
            queue.clear();
        }

        /** This direction is over: the destination connection is closed outright, and the other direction's source is gone. */
        void finish() {
            if (done) {
                return;
            }
            stop();
            for (State s : link.active(stream)) {
                if (s.toxic.type() == ToxicType.TIMEOUT) {
                    s.cancelTimer();
                }
            }
            to.hangUp();
            link.directionFinished();
            other.end();
        }

        private void waitUntil(long at) {
            busy = true;
            waitingOnLatency = false;
            wait = sim.at(at, () -> {
                busy = false;
                wait = null;
                pump();
            });
        }

        void pump() {
            while (!done && !link.closed && !busy) {
                long now = now();
                List<State> toxics = link.active(stream);
                State reset = first(toxics, ToxicType.RESET_PEER);
                State timeout = first(toxics, ToxicType.TIMEOUT);
                armTimeout(timeout);
                if (endedUnderReset && reset == null) {
                    finish();
                    return;
                }
                Chunk c = queue.peek();
                if (c == null) {
                    return;
                }
                if (reset != null) {
                    // The first data or close arms the reset; nothing passes while it is pending.
                    if (reset.resetDue < 0) {
                        reset.resetDue = now + millis(reset.toxic.attr("timeout"));
                        reset.timer = sim.at(reset.resetDue, link::reset);
                    }
                    queue.poll();
                    endedUnderReset |= c.isEnd();
                    continue;
                }
                if (c.isEnd()) {
                    queue.poll();
                    long delay = 0;
                    if (timeout == null) {
                        for (State s : all(toxics, ToxicType.SLOW_CLOSE)) {
                            delay += Math.max(0, s.toxic.attr("delay"));
                        }
                    }
                    if (delay > 0) {
                        busy = true;
                        waitingOnLatency = false;
                        wait = sim.at(now + millis(delay), this::finish);
                        return;
                    }
                    finish();
                    return;
                }
                if (timeout != null) {
                    timeout.quietSince = now;
                    timeout.cancelTimer();
                    armTimeout(timeout);
                    queue.poll();
                    continue;
                }
                long version = toxicsVersion();
                if (c.latencyVersion != version) {
                    c.latencyVersion = version;
                    c.latencyDue = c.arrival + latencyNanos(toxics);
                }
                if (c.latencyDue > now) {
                    waitUntil(c.latencyDue);
                    waitingOnLatency = true;
                    return;
                }
                if (!deliver(c, toxics, now)) {
                    return;
                }
                queue.poll();
            }
        }

        /** timeout with a non-zero value closes this direction once the stream has been quiet that long. */
        private void armTimeout(State timeout) {
            if (timeout == null || timeout.timer != null || timeout.toxic.attr("timeout") <= 0) {
                return;
            }
            timeout.timer = sim.at(timeout.quietSince + millis(timeout.toxic.attr("timeout")), () -> {
                timeout.timer = null;
                finish();
            });
        }

        /**
         * Writes the chunk through limit_data, slicer and bandwidth, a piece at a time. True when
         * all of it has gone; false when it waits (bandwidth, slicer pause) or the direction ended.
         */
        private boolean deliver(Chunk c, List<State> toxics, long now) {
            List<State> limits = all(toxics, ToxicType.LIMIT_DATA);
            if (c.allowed < 0) {
                c.allowed = c.data.length;
                for (State limit : limits) {
                    long remaining = Math.max(0, limit.toxic.attr("bytes") - limit.bytesPassed);
                    if (remaining <= c.allowed) {
                        c.allowed = (int) remaining;
                        c.limitReached = true;
                    }
                }
            }
            State slicer = first(toxics, ToxicType.SLICER);
            List<State> bandwidths = new ArrayList<>();
            for (State b : all(toxics, ToxicType.BANDWIDTH)) {
                if (b.toxic.attr("rate") > 0) {
                    bandwidths.add(b);
                }
            }
            while (c.sent < c.allowed) {
                int piece = c.reserved;
                if (piece == 0) {
                    piece = c.allowed - c.sent;
                    if (slicer != null) {
                        piece = Math.min(piece, sliceSize(slicer.toxic));
                    }
                    for (State b : bandwidths) {
                        // At most 100 ms worth at once, so a big chunk trickles instead of arriving in one burst.
                        piece = (int) Math.min(piece, Math.max(1, b.toxic.attr("rate") * 100));
                    }
                    long sendAt = 0;
                    for (State b : bandwidths) {
                        b.nextFree = Math.max(b.nextFree, now) + piece * 1_000_000L / b.toxic.attr("rate");
                        sendAt = Math.max(sendAt, b.nextFree);
                    }
                    if (sendAt > now) {
                        c.reserved = piece;
                        waitUntil(sendAt);
                        return false;
                    }
                }
                c.reserved = 0;
                try {
                    to.send(java.util.Arrays.copyOfRange(c.data, c.sent, c.sent + piece));
                } catch (SocketException e) {
                    finish();
                    return false;
                }
                c.sent += piece;
                for (State limit : limits) {
                    limit.bytesPassed += piece;
                }
                if (slicer != null && slicer.toxic.attr("delay") > 0) {
                    waitUntil(now + slicer.toxic.attr("delay") * 1000L);
                    if (c.sent >= c.allowed && !c.limitReached) {
                        queue.poll();
                    }
                    return false;
                }
            }
            if (c.limitReached) {
                finish();
                return false;
            }
            return true;
        }

        /** A slice length within average ± variation, never above average + variation and never empty. */
        private int sliceSize(Toxic slicer) {
            long average = Math.max(1, slicer.attr("average_size"));
            long variation = Math.max(0, slicer.attr("size_variation"));
            long low = Math.max(1, average - variation);
            long high = average + variation;
            long size = low >= high ? high : low + sim.random().nextLong(high - low + 1);
            return (int) Math.min(size, Integer.MAX_VALUE);
        }

        private long latencyNanos(List<State> toxics) {
            long total = 0;
            for (State t : all(toxics, ToxicType.LATENCY)) {
                long delay = t.toxic.attr("latency");
                long jitter = t.toxic.attr("jitter");
                if (jitter > 0) {
                    delay += -jitter + sim.random().nextLong(2 * jitter + 1);
                }
                total += Math.max(0, delay);
            }
            return millis(total);
        }
    }

    private static State first(List<State> toxics, ToxicType type) {
        for (State t : toxics) {
            if (t.toxic.type() == type) {
                return t;
            }
        }
        return null;
    }

    private static List<State> all(List<State> toxics, ToxicType type) {
        List<State> found = new ArrayList<>(1);
        for (State t : toxics) {
            if (t.toxic.type() == type) {
                found.add(t);
            }
        }
        return found;
    }
}
