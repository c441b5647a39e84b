package wslab.sim;

import java.util.ArrayList;
import java.util.List;

import wslab.api.LabEnvironment;
import wslab.api.TcpListener;

/**
 * A process inside a {@link Simulation}: the threads, loops, listening sockets and connections
 * made through its {@link #environment()}. {@link #kill()} is {@code kill -9}: at once, every one of
 * its threads stops for good wherever it waits, without running another line (no finally, no
 * shutdown hook), and the kernel's part is done: listeners stop, connections close (FIN, or RST
 * where unread bytes remain). What the process wrote to files before stays written, as it would.
 *
 * <p>Threads end for real only when the simulation ends; until then they wait, parked, and are
 * never given a turn again. So a solution that waits inside a database transaction leaves it
 * open until then: on virtual time, keep transactions free of waits (the lesson's references do).
 */
public final class SimProcess {

    private final Simulation sim;
    private final SimEnvironment env;
    final List<SimThread> threads = new ArrayList<>();
    final List<TcpListener> listeners = new ArrayList<>();
    final List<SimEndpoint> sockets = new ArrayList<>();
    private boolean killed;

    SimProcess(Simulation sim, long seed) {
        this.sim = sim;
        this.env = new SimEnvironment(sim, seed, this);
    }

    /** What the process's code is given: the simulation's clock and network, threads and sockets that die with it. */
    public LabEnvironment environment() {
        return env;
    }

    /** Kills the process as SIGKILL does. Called from outside it (a grader's thread), never from its own threads. */
    public void kill() {
        sim.lock.lock();
        try {
            if (killed) {
                return;
            }
            for (SimThread t : threads) {
                if (t.thread == Thread.currentThread()) {
                    throw new IllegalStateException("a process cannot kill itself from one of its own threads");
                }
            }
            killed = true;
            sim.killLocked(threads);
            for (TcpListener l : List.copyOf(listeners)) {
                l.close();
            }
            for (SimEndpoint s : List.copyOf(sockets)) {
                s.hangUp();
            }
        } finally {
            sim.lock.unlock();
        }
    }

    public boolean isKilled() {
        sim.lock.lock();
        try {
            return killed;
        } finally {
            sim.lock.unlock();
        }
    }

    /** Caller holds the lock. A process that is dead starts nothing and opens nothing. */
    void requireAliveLocked() {
        if (killed) {
            throw new IllegalStateException("the process has been killed");
        }
    }
}
