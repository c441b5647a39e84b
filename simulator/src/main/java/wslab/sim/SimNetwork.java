package wslab.sim;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import wslab.api.TcpConnection;
import wslab.api.TcpListener;

/**
 * The simulation's loopback network: one host, any name for it, ports from 40000 up. A connect to
 * a port nobody listens on is refused at once; a connect to a listener is accepted at once (the
 * backlog is unbounded).
 */
public final class SimNetwork {

    /** The address every simulated socket has. */
    public static final String HOST = "127.0.0.1";
    private static final int FIRST_PORT = 40_000;
    private static final int FIRST_CLIENT_PORT = 50_000;

    private final Simulation sim;
    private final Map<Integer, Consumer<SimEndpoint>> bound = new HashMap<>();
    private int nextPort = FIRST_PORT;
    private int nextClientPort = FIRST_CLIENT_PORT;

    SimNetwork(Simulation sim) {
        this.sim = sim;
    }

    /** Listens on {@code port} (0 picks one); the calling thread joins the simulation. */
    public TcpListener listen(int port) throws IOException {
        return listen(port, null);
    }

    TcpListener listen(int port, SimProcess process) throws IOException {
        sim.lock.lock();
        try {
            sim.enterLocked();
            if (process != null) {
                process.requireAliveLocked();
            }
            Listener l = new Listener(process);
            l.port = bindLocked(port, l.sink);
            if (process != null) {
                process.listeners.add(l);
            }
            return l;
        } finally {
            sim.lock.unlock();
        }
    }

    /**
     * Binds {@code port} (0 picks one) for the simulation's own machinery, such as a simulated
     * proxy: each new connection's server end goes to {@code onConnect} at once, under the lock.
     * May be called from outside the simulation.
     */
    public int bind(int port, Consumer<SimEndpoint> onConnect) throws IOException {
        sim.lock.lock();
        try {
            return bindLocked(port, onConnect);
        } finally {
            sim.lock.unlock();
        }
    }

    public void unbind(int port) {
        sim.lock.lock();
        try {
            bound.remove(port);
        } finally {
            sim.lock.unlock();
        }
    }

    private int bindLocked(int port, Consumer<SimEndpoint> onConnect) throws BindException {
        if (port == 0) {
            while (bound.containsKey(nextPort)) {
                nextPort++;
            }
            port = nextPort++;
        } else if (bound.containsKey(port)) {
            throw new BindException("Address already in use: " + HOST + ":" + port);
        }
        bound.put(port, onConnect);
        return port;
    }

    /** Connects to {@code port}; the calling thread joins the simulation. The host is not looked at: there is one. */
    public TcpConnection connect(String host, int port) throws IOException {
        return connect(host, port, null);
    }

    TcpConnection connect(String host, int port, SimProcess process) throws IOException {
        sim.lock.lock();
        try {
            sim.enterLocked();
            SimEndpoint e = open(port);
            if (process != null) {
                process.sockets.add(e);
            }
            return e;
        } finally {
            sim.lock.unlock();
        }
    }

    /** Connects to {@code port} for the simulation's own machinery (a proxy dialling upstream): no join. */
    public SimEndpoint open(int port) throws ConnectException {
        sim.lock.lock();
        try {
            Consumer<SimEndpoint> listener = bound.get(port);
            if (listener == null) {
                throw new ConnectException("Connection refused: " + HOST + ":" + port);
            }
            SimEndpoint[] pair = SimEndpoint.pair(sim, HOST + ":" + nextClientPort++, HOST + ":" + port);
            listener.accept(pair[1]);
            return pair[0];
        } finally {
            sim.lock.unlock();
        }
    }

    /** A listener whose connections wait in a backlog for {@link #accept()}. */
    private final class Listener implements TcpListener {
        final SimProcess process;
        int port;
        final ArrayDeque<SimEndpoint> backlog = new ArrayDeque<>();
        final List<SimThread> acceptors = new ArrayList<>(1);
        boolean closed;
        final Consumer<SimEndpoint> sink = this::arrived;

        Listener(SimProcess process) {
            this.process = process;
        }

        void arrived(SimEndpoint server) {
            if (process != null) {
                process.sockets.add(server);
            }
            backlog.add(server);
            for (SimThread a : acceptors) {
                sim.wake(a, SimThread.Wake.SIGNALLED);
            }
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public TcpConnection accept() throws IOException {
            sim.lock.lock();
            try {
                SimThread me = sim.enterLocked();
                while (true) {
                    if (closed) {
                        throw new SocketException("Socket closed");
                    }
                    SimEndpoint next = backlog.poll();
                    if (next != null) {
                        return next;
                    }
                    acceptors.add(me);
                    try {
                        if (sim.park(me, Simulation.NEVER, "accept on port " + port) == SimThread.Wake.INTERRUPTED) {
                            throw new java.io.InterruptedIOException("interrupted in accept");
                        }
                    } finally {
                        acceptors.remove(me);
                    }
                }
            } finally {
                sim.lock.unlock();
            }
        }

        /** Connections still in the backlog are reset, as a closed listening socket's are. */
        @Override
        public void close() {
            sim.lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                bound.remove(port, sink);
                for (SimEndpoint pending : backlog) {
                    pending.sendReset();
                }
                backlog.clear();
                for (SimThread a : acceptors) {
                    sim.wake(a, SimThread.Wake.SIGNALLED);
                }
            } finally {
                sim.lock.unlock();
            }
        }
    }
}
