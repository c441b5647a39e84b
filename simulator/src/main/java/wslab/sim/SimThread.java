package wslab.sim;

import java.util.concurrent.locks.Condition;

/** A thread that is a member of a {@link Simulation}: it runs only while it holds the baton. */
final class SimThread {

    /** KILLED: its process was killed; it waits for the simulation's end and never runs again. */
    enum State { RUNNABLE, RUNNING, PARKED, DEAD, KILLED }

    /** Why a parked member woke. */
    enum Wake { SIGNALLED, TIMEOUT, INTERRUPTED, CLOSED }

    final Thread thread;
    final String name;
    final Condition turn;
    State state;
    Wake wake;
    /** What it is parked on, for a stall report. */
    String waitingFor;

    SimThread(Simulation sim, Thread thread, String name) {
        this.thread = thread;
        this.name = name;
        this.turn = sim.lock.newCondition();
    }
}
