package wslab.reference.fuzz;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a parser on one input at a time, on a thread of its own, so that a hang is seen (the
 * input did not finish within the deadline) and how much the parser allocated is measured (the
 * JVM counts each thread's allocations).
 */
public final class FuzzRunner implements AutoCloseable {

    /** How one input ended. */
    public enum Kind {
        /** Parsed to its end. */
        ACCEPTED,
        /** Refused with the parser's declared exception: a protocol error, as it should. */
        REFUSED,
        /** Threw something it does not declare, or failed with an error (stack overflow, out of memory). */
        CRASH,
        /** Allocated more than the parser's limit for that input. */
        OVER_ALLOCATION,
        /** Still running at the deadline. */
        HANG
    }

    public record Result(Kind kind, String detail, long allocated) {
        /** Accepted or refused: what a parser may do with any input. */
        public boolean fine() {
            return kind == Kind.ACCEPTED || kind == Kind.REFUSED;
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Duration deadline;
    private ExecutorService worker = newWorker();

    public FuzzRunner(Duration deadline) {
        this.deadline = deadline;
    }

    public Result run(ParserTarget target, byte[] input) {
        Future<Result> running = worker.submit(() -> parse(target, input));
        try {
            return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            // The stuck thread cannot be stopped; it is left behind (a daemon) and a fresh one takes over.
            worker.shutdownNow();
            worker = newWorker();
            return new Result(Kind.HANG, "still running after " + deadline.toMillis() + " ms", -1);
        } catch (ExecutionException e) {
            return new Result(Kind.CRASH, describe(e.getCause()), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Kind.HANG, "interrupted", -1);
        }
    }

    private static Result parse(ParserTarget target, byte[] input) {
        boolean measured = THREADS.isThreadAllocatedMemoryEnabled();
        long before = measured ? THREADS.getCurrentThreadAllocatedBytes() : 0;
        Kind kind;
        String detail = "";
        try {
            target.parse(input);
            kind = Kind.ACCEPTED;
        } catch (Throwable t) {
            if (target.declares(t)) {
                kind = Kind.REFUSED;
                detail = describe(t);
            } else {
                return new Result(Kind.CRASH, describe(t), -1);
            }
        }
        long allocated = measured ? THREADS.getCurrentThreadAllocatedBytes() - before : -1;
        long limit = target.allocationLimit(input);
        if (allocated > limit) {
            return new Result(Kind.OVER_ALLOCATION, "allocated " + allocated + " bytes for " + input.length
                    + " bytes of input, over the limit of " + limit, allocated);
        }
        return new Result(kind, detail, allocated);
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-parser");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
