package wslab.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/** The real environment: the JDK's clock, daemon threads, loopback sockets and {@code java.net.http}. */
final class SystemEnvironment implements LabEnvironment {

    /** How often a waiter looks at its condition again without a signal, for conditions on time. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Random random;

    SystemEnvironment(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public EventLoop newLoop(String name) {
        return new SystemLoop(name);
    }

    @Override
    public void startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long nanos = duration.toNanos();
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    @Override
    public Signal newSignal() {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        return new Signal() {
            @Override
            public void signalAll() {
                lock.lock();
                try {
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
                long deadline = System.nanoTime() + timeout.toNanos();
                lock.lock();
                try {
                    while (!condition.getAsBoolean()) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        changed.awaitNanos(Math.min(left, RECHECK_NANOS));
                    }
                    return true;
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    @Override
    public TcpListener listen(int port) throws IOException {
        ServerSocket s = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        return new TcpListener() {
            @Override
            public int port() {
                return s.getLocalPort();
            }

            @Override
            public TcpConnection accept() throws IOException {
                return new SocketConnection(s.accept());
            }

            @Override
            public void close() {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Closed is what was asked for.
                }
            }
        };
    }

    @Override
    public TcpConnection connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new SocketConnection(socket);
    }

    @Override
    public ClientWebSocket openWebSocket(URI url, EventLoop loop, ClientWebSocket.Listener listener) {
        return JdkClientWebSocket.open(url, loop, listener);
    }

    /** A loop on one daemon thread; a task that throws is reported and does not stop the loop. */
    private static final class SystemLoop implements EventLoop {

        private final ScheduledThreadPoolExecutor executor;
        private volatile Thread thread;

        SystemLoop(String name) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                thread = t;
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }

        @Override
        public void execute(Runnable task) {
            if (!executor.isShutdown()) {
                try {
                    executor.execute(guarded(task));
                } catch (java.util.concurrent.RejectedExecutionException ignored) {
                    // Shut down between the check and the call: dropped, as documented.
                }
            }
        }

        @Override
        public Scheduled schedule(Duration delay, Runnable task) {
            try {
                var f = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return () -> { };
            }
        }

        @Override
        public Scheduled every(Duration period, Runnable task) {
            try {
                long nanos = period.toNanos();
                var f = executor.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return () -> { };
            }
        }

        @Override
        public boolean inLoop() {
            return Thread.currentThread() == thread;
        }

        @Override
        public void shutdown() {
            executor.shutdownNow();
        }

        private static Runnable guarded(Runnable task) {
            return () -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    // A periodic task that throws would be cancelled silently by the executor.
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
            };
        }
    }
}
