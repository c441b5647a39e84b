package wslab.sim;

import java.time.Duration;
import java.util.PriorityQueue;

import wslab.api.EventLoop;
import wslab.api.Scheduled;

/** {@link EventLoop} on a simulation: one member thread that runs tasks in (due time, submission) order. */
final class SimLoop implements EventLoop {

    private static final class Task implements Comparable<Task> {
        long due;
        long seq;
        final long period;
        final Runnable body;
        boolean cancelled;

        Task(long due, long seq, long period, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.period = period;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Simulation sim;
    private final String name;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final SimThread thread;
    private long sequence;
    private boolean shutdown;

    SimLoop(Simulation sim, String name) {
        this(sim, name, null);
    }

    SimLoop(Simulation sim, String name, SimProcess process) {
        this.sim = sim;
        this.name = name;
        sim.lock.lock();
        try {
            sim.enterLocked();
        } finally {
            sim.lock.unlock();
        }
        this.thread = sim.start(name, this::run, process);
    }

    private void run() {
        sim.lock.lock();
        try {
            while (!shutdown) {
                Task t = tasks.peek();
                if (t != null && t.cancelled) {
                    tasks.poll();
                    continue;
                }
                if (t != null && t.due <= sim.nowLocked()) {
                    tasks.poll();
                    if (t.period > 0) {
                        t.due += t.period;
                        t.seq = sequence++;
                        tasks.add(t);
                    }
                    sim.lock.unlock();
                    try {
                        t.body.run();
                    } catch (RuntimeException e) {
                        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                    } finally {
                        sim.lock.lock();
                    }
                    continue;
                }
                sim.park(thread, t == null ? Simulation.NEVER : t.due, "loop '" + name + "' (idle)");
            }
        } finally {
            sim.lock.unlock();
        }
    }

    private Task add(long delayNanos, long period, Runnable body) {
        sim.lock.lock();
        try {
            sim.enterLocked();
            if (shutdown) {
                return new Task(0, 0, 0, body);
            }
            Task t = new Task(sim.nowLocked() + Math.max(0, delayNanos), sequence++, period, body);
            tasks.add(t);
            sim.wake(thread, SimThread.Wake.SIGNALLED);
            return t;
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public void execute(Runnable task) {
        add(0, 0, task);
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        Task t = add(delay.toNanos(), 0, task);
        return () -> cancel(t);
    }

    @Override
    public Scheduled every(Duration period, Runnable task) {
        long nanos = Math.max(1, period.toNanos());
        Task t = add(nanos, nanos, task);
        return () -> cancel(t);
    }

    private void cancel(Task t) {
        sim.lock.lock();
        try {
            t.cancelled = true;
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread.thread;
    }

    @Override
    public void shutdown() {
        sim.lock.lock();
        try {
            shutdown = true;
            tasks.clear();
            sim.wake(thread, SimThread.Wake.SIGNALLED);
        } finally {
            sim.lock.unlock();
        }
    }
}
