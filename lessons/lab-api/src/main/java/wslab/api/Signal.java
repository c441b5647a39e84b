package wslab.api;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable with its own lock: a thread waits until a condition over shared state
 * holds, the threads that change that state call {@link #signalAll()}. The condition is evaluated
 * under the signal's lock, so keep it short and do not block in it.
 */
public interface Signal {

    /** Wakes every waiter to look at its condition again. */
    void signalAll();

    /**
     * Waits until {@code condition} is true, looking again at each {@link #signalAll()}.
     *
     * @return true if it held, false if {@code timeout} passed first
     */
    boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException;
}
