package wslab.sim;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

/** One solution's view of a {@link Simulation}: the shared clock and network, its own random seed. */
final class SimEnvironment implements LabEnvironment {

    private final Simulation sim;
    private final Random random;
    /** The process whose threads and sockets this environment makes, or null. */
    private final SimProcess process;

    SimEnvironment(Simulation sim, long seed, SimProcess process) {
        this.sim = sim;
        this.random = new Random(seed);
        this.process = process;
    }

    @Override
    public long nanoTime() {
        sim.lock.lock();
        try {
            sim.enterLocked();
            return sim.nowLocked();
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public EventLoop newLoop(String name) {
        return new SimLoop(sim, name, process);
    }

    @Override
    public void startThread(String name, Runnable body) {
        sim.lock.lock();
        try {
            sim.enterLocked();
        } finally {
            sim.lock.unlock();
        }
        sim.start(name, body, process);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        sim.lock.lock();
        try {
            SimThread me = sim.enterLocked();
            if (sim.park(me, sim.nowLocked() + Math.max(0, duration.toNanos()), "sleep " + duration.toMillis() + " ms")
                    == SimThread.Wake.INTERRUPTED) {
                throw new InterruptedException();
            }
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public Signal newSignal() {
        return new SimSignal(sim);
    }

    @Override
    public TcpListener listen(int port) throws IOException {
        return sim.network().listen(port, process);
    }

    @Override
    public TcpConnection connect(String host, int port, Duration timeout) throws IOException {
        return sim.network().connect(host, port, process);
    }

    @Override
    public ClientWebSocket openWebSocket(URI url, EventLoop loop, ClientWebSocket.Listener listener) {
        return SimWebSocket.open(sim, random, url, loop, listener);
    }
}
