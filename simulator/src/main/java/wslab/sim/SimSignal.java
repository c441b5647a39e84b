package wslab.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import wslab.api.Signal;

/** {@link Signal} on a simulation: a waiter wakes on {@link #signalAll()} or when its virtual timeout falls due. */
final class SimSignal implements Signal {

    private final Simulation sim;
    private final List<SimThread> waiters = new ArrayList<>();

    SimSignal(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public void signalAll() {
        sim.lock.lock();
        try {
            for (SimThread t : waiters) {
                sim.wake(t, SimThread.Wake.SIGNALLED);
            }
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        sim.lock.lock();
        try {
            SimThread me = sim.enterLocked();
            long deadline = sim.nowLocked() + Math.max(0, timeout.toNanos());
            while (!condition.getAsBoolean()) {
                if (sim.nowLocked() >= deadline) {
                    return false;
                }
                waiters.add(me);
                SimThread.Wake w;
                try {
                    w = sim.park(me, deadline, "a signal");
                } finally {
                    waiters.remove(me);
                }
                if (w == SimThread.Wake.INTERRUPTED) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            sim.lock.unlock();
        }
    }
}
