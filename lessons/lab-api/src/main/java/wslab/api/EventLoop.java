package wslab.api;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * One thread that runs tasks and timers one at a time, in the order they were submitted or fell
 * due. State touched only from its tasks needs no locks: the usual way to write a client that
 * must never run two reconnect loops.
 */
public interface EventLoop extends Executor {

    /** Runs {@code task} on the loop, after the tasks already queued. Ignored once shut down. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} once, {@code delay} from now. */
    Scheduled schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, the first time {@code period} from now. */
    Scheduled every(Duration period, Runnable task);

    /** Whether the calling thread is this loop's thread. */
    boolean inLoop();

    /** Drops queued tasks and timers and lets the thread end. */
    void shutdown();
}
