package wslab.api;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;

/**
 * Where a Java solution gets time, timers, threads, randomness and the network from. A solution
 * is constructed with one and never reaches past it: not {@code System.nanoTime()}, not its own
 * executors, not {@code Thread.sleep}, not {@code java.net.Socket}. The grader hands it either
 * {@link #system(long)}, the real one, or a simulated one whose clock only moves when every
 * simulated thread waits, so timing checks are exact and a run replays from its seed.
 *
 * <p>Rules that keep a solution correct in both: block only in the calls this interface offers
 * (a read from a {@link TcpConnection}, {@link TcpListener#accept()}, {@link #sleep},
 * {@link Signal#await}); never hold a lock while blocking in one of them.
 */
public interface LabEnvironment {

    /** The real environment: the JDK's clock, threads, loopback sockets and {@code java.net.http}. */
    static LabEnvironment system(long seed) {
        return new SystemEnvironment(seed);
    }

    /** Monotonic time in nanoseconds, for intervals only (like {@code System.nanoTime()}). */
    long nanoTime();

    /**
     * The date and time, for instants another party reads too, such as a token's expiry. It moves
     * with {@link #nanoTime()}; an environment with no wall clock of its own (a simulation) counts
     * from {@link #SIMULATED_EPOCH}, the same for every party in it.
     */
    default Clock clock() {
        return new CountingClock(this::nanoTime, SIMULATED_EPOCH, ZoneOffset.UTC);
    }

    /** Where the clock of an environment without a wall clock starts counting. */
    Instant SIMULATED_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    /** This solution's random source, seeded by the grader so a run can be replayed. */
    RandomGenerator random();

    /** A new loop: one thread that runs its tasks and timers one at a time, in order. */
    EventLoop newLoop(String name);

    /** Starts a daemon thread for a blocking loop: an accept loop, a connection's reader. */
    void startThread(String name, Runnable body);

    /** Waits {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** A condition to wait on: one thread awaits a condition, others signal when they change it. */
    Signal newSignal();

    /** Listens on the loopback interface; port 0 picks a free one. */
    TcpListener listen(int port) throws IOException;

    /** Opens a TCP connection, giving up after {@code timeout}. */
    TcpConnection connect(String host, int port, Duration timeout) throws IOException;

    /**
     * Starts a WebSocket opening handshake to {@code url} and returns at once. Every callback of
     * {@code listener} runs on {@code loop}, in order, as in a browser's WebSocket: see
     * {@link ClientWebSocket.Listener}.
     */
    ClientWebSocket openWebSocket(URI url, EventLoop loop, ClientWebSocket.Listener listener);
}
