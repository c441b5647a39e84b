package wslab.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import wslab.api.LabEnvironment;

/**
 * A simulated world for Java solutions: a virtual clock, threads that run one at a time, and a
 * loopback network ({@link SimNetwork}). The clock moves only when every simulated thread waits
 * (in a read, an accept, a sleep, a {@link wslab.api.Signal}, an idle loop): it then jumps to the
 * next thing scheduled. Nothing is ever in flight while time passes, so timings are exact, and
 * since the baton passes in a fixed order a run is a function of its seeds.
 *
 * <p>Any thread that calls into the simulation (through an environment from
 * {@link #environment(long)}) joins it and waits for its turn; threads it starts are members from
 * birth. Code outside the simulation (a control API on a real socket) may change simulated state
 * under {@link #locked(Supplier)}, never block in it.
 */
public final class Simulation implements AutoCloseable {

    /** Virtual nanoseconds at the start: far from zero, so no one's "-1 means never" is ever a real time. */
    static final long EPOCH = TimeUnit.DAYS.toNanos(1);
    /** A member that keeps the baton this long while blocked outside the simulation has frozen it. */
    static final long STALL_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long NEVER = Long.MAX_VALUE;

    final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final ArrayDeque<SimThread> runnable = new ArrayDeque<>();
    private final Map<Thread, SimThread> members = new LinkedHashMap<>();
    /** Threads of killed processes: parked for ever, released only to unwind when the simulation ends. */
    private final List<SimThread> killed = new ArrayList<>();
    private final Random random;
    private final SimNetwork network;
    private long now = EPOCH;
    private long sequence;
    private SimThread running;
    private SimThread first;
    private long lastHandOffRealNanos = System.nanoTime();
    private boolean closed;
    private String failure;
    private long stallAfterNanos = STALL_AFTER_NANOS;

    public Simulation(long seed) {
        this.random = new Random(seed);
        this.network = new SimNetwork(this);
        Watchdog.watch(this);
    }

    /** An environment for one solution (or the grader's own side), with its own random seed. */
    public LabEnvironment environment(long seed) {
        return new SimEnvironment(this, seed, null);
    }

    /** A new process: an environment whose threads and sockets {@link SimProcess#kill()} ends at once, as SIGKILL does. */
    public SimProcess process(long seed) {
        return new SimProcess(this, seed);
    }

    public SimNetwork network() {
        return network;
    }

    /** The virtual time, in nanoseconds. */
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    /** Virtual milliseconds since the simulation began, for logs. */
    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime() - EPOCH);
    }

    /** The simulation's own draws (a toxic's toxicity, a latency's jitter), seeded with it. */
    public Random random() {
        return random;
    }

    /** Runs {@code action} on simulated state without joining: for code outside the simulation. */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} at virtual time {@code atNanos}, under the simulation's lock, when the
     * clock gets there. Actions move simulated state (deliver bytes, wake a thread); they never run
     * a solution's code and never block.
     */
    public Event at(long atNanos, Runnable action) {
        lock.lock();
        try {
            Event e = new Event(Math.max(atNanos, now), sequence++, action);
            events.add(e);
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** How long a member may hold the baton while blocked outside the simulation (tests shorten it). */
    void stallAfter(java.time.Duration d) {
        lock.lock();
        try {
            stallAfterNanos = d.toNanos();
        } finally {
            lock.unlock();
        }
    }

    /** Why the simulation stopped early (a stall), or null. */
    public String failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    // ---- threads and the baton -------------------------------------------------------------

    /** Makes the calling thread a member (waiting for its turn if another runs) and returns it. Caller holds the lock. */
    SimThread enterLocked() {
        SimThread me = members.get(Thread.currentThread());
        if (me != null) {
            if (closed || me.state == SimThread.State.DEAD) {
                throw new SimulationOver(failure);
            }
            return me;
        }
        if (closed) {
            throw new SimulationOver(failure);
        }
        me = new SimThread(this, Thread.currentThread(), Thread.currentThread().getName());
        members.put(me.thread, me);
        if (first == null) {
            first = me;
        }
        me.state = SimThread.State.RUNNABLE;
        runnable.add(me);
        if (running == null) {
            dispatch();
        }
        awaitTurn(me);
        if (closed) {
            throw new SimulationOver(failure);
        }
        return me;
    }

    /** Starts a member thread; it runs when the baton reaches it. */
    SimThread start(String name, Runnable body) {
        return start(name, body, null);
    }

    /** Starts a member thread of {@code process} (null: of no process). */
    SimThread start(String name, Runnable body, SimProcess process) {
        lock.lock();
        try {
            if (closed) {
                throw new SimulationOver(failure);
            }
            if (process != null) {
                process.requireAliveLocked();
            }
            SimThread[] self = new SimThread[1];
            Thread t = new Thread(() -> runMember(self[0], body), name);
            t.setDaemon(true);
            SimThread st = new SimThread(this, t, name);
            self[0] = st;
            if (process != null) {
                process.threads.add(st);
            }
            members.put(t, st);
            st.state = SimThread.State.RUNNABLE;
            runnable.add(st);
            t.start();
            if (running == null) {
                dispatch();
            }
            return st;
        } finally {
            lock.unlock();
        }
    }

    private void runMember(SimThread me, Runnable body) {
        lock.lock();
        try {
            awaitTurn(me);
            if (closed) {
                return;
            }
        } finally {
            lock.unlock();
        }
        try {
            body.run();
        } catch (SimulationOver ignored) {
            // The simulation ended under it: nothing to report.
        } catch (Throwable t) {
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), t);
        } finally {
            leave(me);
        }
    }

    /** The calling member leaves the simulation for good, handing the baton on. */
    void leave(SimThread me) {
        lock.lock();
        try {
            me.state = SimThread.State.DEAD;
            members.remove(me.thread);
            if (running == me) {
                running = null;
                dispatch();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks the running member until {@link #wake} or {@code deadline} (virtual; {@link #NEVER}
     * for none). Caller holds the lock and the baton. Returns why it woke.
     */
    SimThread.Wake park(SimThread me, long deadline, String waitingFor) {
        if (closed) {
            throw new SimulationOver(failure);
        }
        me.state = SimThread.State.PARKED;
        me.waitingFor = waitingFor;
        me.wake = null;
        Event timeout = deadline == NEVER ? null : at(deadline, () -> wake(me, SimThread.Wake.TIMEOUT));
        running = null;
        dispatch();
        awaitTurn(me);
        if (timeout != null) {
            timeout.cancel();
        }
        me.waitingFor = null;
        if (closed) {
            throw new SimulationOver(failure);
        }
        return me.wake;
    }

    /** Makes a parked member runnable again. Caller holds the lock. */
    void wake(SimThread t, SimThread.Wake why) {
        if (t.state != SimThread.State.PARKED) {
            return;
        }
        t.state = SimThread.State.RUNNABLE;
        t.wake = why;
        runnable.add(t);
        if (running == null) {
            dispatch();
        }
    }

    /** Passes the baton: to the next runnable member, or moves the clock to the next event. */
    private void dispatch() {
        while (running == null && !closed) {
            SimThread next = runnable.poll();
            if (next != null) {
                if (next.state != SimThread.State.RUNNABLE) {
                    continue;
                }
                running = next;
                next.state = SimThread.State.RUNNING;
                lastHandOffRealNanos = System.nanoTime();
                next.turn.signal();
                return;
            }
            Event e = events.poll();
            if (e == null) {
                stall("every simulated thread is waiting and nothing is scheduled to happen:\n" + waitingThreads());
                return;
            }
            if (e.cancelled) {
                continue;
            }
            now = Math.max(now, e.at);
            e.action.run();
        }
    }

    /** Waits, releasing the lock, until the baton reaches {@code me} or the simulation ends. */
    private void awaitTurn(SimThread me) {
        boolean interrupted = false;
        while (me.state != SimThread.State.RUNNING && !closed) {
            try {
                me.turn.await();
            } catch (InterruptedException e) {
                if (me.state == SimThread.State.PARKED) {
                    wake(me, SimThread.Wake.INTERRUPTED);
                } else {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes {@code threads} out of the simulation for good: they never get the baton again, and
     * wake only when the simulation ends, to unwind. Caller holds the lock.
     */
    void killLocked(List<SimThread> threads) {
        for (SimThread t : threads) {
            if (t.state == SimThread.State.DEAD) {
                continue;
            }
            t.state = SimThread.State.KILLED;
            members.remove(t.thread);
            killed.add(t);
        }
    }

    /** Ends the simulation: every member wakes to {@link SimulationOver} and unwinds. Safe from any thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            SimThread me = members.remove(Thread.currentThread());
            if (me != null) {
                me.state = SimThread.State.DEAD;
            }
            events.clear();
            running = null;
            for (SimThread t : new ArrayList<>(members.values())) {
                if (t.state == SimThread.State.PARKED) {
                    t.state = SimThread.State.RUNNABLE;
                    t.wake = SimThread.Wake.CLOSED;
                }
                t.turn.signalAll();
            }
            for (SimThread t : killed) {
                t.wake = SimThread.Wake.CLOSED;
                t.turn.signalAll();
            }
            killed.clear();
        } finally {
            lock.unlock();
        }
        Watchdog.forget(this);
    }

    /** Stops the simulation with a reason every member will see. Caller holds the lock. */
    private void stall(String why) {
        if (failure == null) {
            failure = "the simulation stalled: " + why;
        }
        closed = true;
        events.clear();
        for (SimThread t : new ArrayList<>(members.values())) {
            if (t.state == SimThread.State.PARKED) {
                t.state = SimThread.State.RUNNABLE;
                t.wake = SimThread.Wake.CLOSED;
            }
            t.turn.signalAll();
        }
    }

    /** Called by the watchdog: a member has held the baton, blocked outside the simulation, for too long. */
    void checkFrozen() {
        lock.lock();
        try {
            SimThread r = running;
            if (closed || r == null || System.nanoTime() - lastHandOffRealNanos < stallAfterNanos) {
                return;
            }
            Thread.State s = r.thread.getState();
            if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING && s != Thread.State.BLOCKED) {
                return;
            }
            String where = Arrays.stream(r.thread.getStackTrace()).limit(14).map(f -> "    at " + f)
                    .collect(Collectors.joining("\n"));
            stall("thread '" + r.name + "' blocked outside the simulation for "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastHandOffRealNanos) + " s (" + s
                    + "); on virtual time, wait only through LabEnvironment (sleep, newSignal, reads):\n" + where);
            running = null;
        } finally {
            lock.unlock();
        }
    }

    private String waitingThreads() {
        return members.values().stream()
                .map(t -> "    '" + t.name + "' " + t.state.name().toLowerCase() + (t.waitingFor == null ? "" : " on " + t.waitingFor))
                .collect(Collectors.joining("\n"));
    }

    /** The names of the member threads and what each waits on, for diagnostics. */
    public List<String> threads() {
        lock.lock();
        try {
            return members.values().stream().map(t -> t.name + " " + t.state + (t.waitingFor == null ? "" : " " + t.waitingFor))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    long nowLocked() {
        return now;
    }

    /** Something scheduled on the virtual clock. */
    public static final class Event implements Comparable<Event> {
        final long at;
        final long seq;
        final Runnable action;
        volatile boolean cancelled;

        Event(long at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
