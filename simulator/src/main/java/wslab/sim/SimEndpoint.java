package wslab.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import wslab.api.TcpConnection;

/**
 * One end of a simulated TCP connection. Bytes written here are in the peer's buffer at once
 * (loopback with no latency; a simulated proxy in between adds its toxics). Buffers are unbounded,
 * so a write never blocks. As with TCP: close() with unread bytes resets the peer, and bytes sent
 * to an end that has closed reset the sender.
 */
public final class SimEndpoint implements TcpConnection {

    private final Simulation sim;
    private final String remote;
    private SimEndpoint peer;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int offset;
    private long buffered;
    private boolean inboundEnded;
    private boolean inboundReset;
    private Receiver diverted;
    private final List<SimThread> readers = new ArrayList<>(1);
    private boolean closed;
    private boolean outputShut;
    private long readTimeoutNanos;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    private SimEndpoint(Simulation sim, String remote) {
        this.sim = sim;
        this.remote = remote;
    }

    /** A connected pair: [client end, server end]. Caller holds the lock. */
    static SimEndpoint[] pair(Simulation sim, String clientAddress, String serverAddress) {
        SimEndpoint client = new SimEndpoint(sim, serverAddress);
        SimEndpoint server = new SimEndpoint(sim, clientAddress);
        client.peer = server;
        server.peer = client;
        return new SimEndpoint[] {client, server};
    }

    /**
     * From now on what arrives here goes to {@code receiver} instead of being buffered for reads:
     * how a simulated proxy takes bytes off a connection without a thread.
     */
    public void divert(Receiver receiver) {
        sim.lock.lock();
        try {
            diverted = receiver;
        } finally {
            sim.lock.unlock();
        }
    }

    // ---- what arrives from the peer (caller holds the lock) ------------------------------------

    private void arrived(byte[] data) {
        if (closed) {
            // Bytes for a socket that is gone: its TCP answers with RST.
            peer.arrivedReset();
            return;
        }
        if (diverted != null) {
            diverted.data(data);
            return;
        }
        if (inboundReset) {
            // Nothing arrives on a connection after its RST.
            return;
        }
        chunks.add(data);
        buffered += data.length;
        wakeReaders();
    }

    private void arrivedEnd() {
        if (closed) {
            return;
        }
        if (diverted != null) {
            diverted.end();
            return;
        }
        inboundEnded = true;
        wakeReaders();
    }

    private void arrivedReset() {
        if (closed) {
            return;
        }
        if (diverted != null) {
            diverted.reset();
            return;
        }
        // As Linux does, bytes that arrived before the RST can still be read; then reads fail.
        inboundReset = true;
        wakeReaders();
    }

    private void wakeReaders() {
        for (SimThread r : readers) {
            sim.wake(r, SimThread.Wake.SIGNALLED);
        }
    }

    // ---- the simulation's own machinery: no join, the caller may hold the lock ----------------------

    /** Sends {@code data} to the peer. Throws as a socket would once this end is closed or reset. */
    public void send(byte[] data) throws SocketException {
        sim.lock.lock();
        try {
            if (closed) {
                throw new SocketException("Socket closed");
            }
            if (outputShut) {
                throw new SocketException("Socket output is shutdown");
            }
            if (inboundReset) {
                throw new SocketException("Broken pipe");
            }
            peer.arrived(data);
        } finally {
            sim.lock.unlock();
        }
    }

    /** FIN: the peer reads the end of the stream. */
    public void sendEnd() {
        sim.lock.lock();
        try {
            if (!outputShut && !closed) {
                outputShut = true;
                peer.arrivedEnd();
            }
        } finally {
            sim.lock.unlock();
        }
    }

    /** RST: the peer's reads and writes fail with "connection reset". */
    public void sendReset() {
        sim.lock.lock();
        try {
            if (!closed) {
                closed = true;
                peer.arrivedReset();
                chunks.clear();
                buffered = 0;
                wakeReaders();
            }
        } finally {
            sim.lock.unlock();
        }
    }

    /** Closes: FIN to the peer, or RST if bytes it sent are still unread here. */
    public void hangUp() {
        sim.lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (buffered > 0) {
                peer.arrivedReset();
            } else if (!outputShut) {
                peer.arrivedEnd();
            }
            chunks.clear();
            buffered = 0;
            wakeReaders();
        } finally {
            sim.lock.unlock();
        }
    }

    // ---- TcpConnection: the calling thread joins the simulation ------------------------------

    private void join() {
        sim.enterLocked();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void readTimeout(Duration timeout) {
        sim.lock.lock();
        try {
            readTimeoutNanos = Math.max(0, timeout.toNanos());
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public Duration readTimeout() {
        sim.lock.lock();
        try {
            return Duration.ofNanos(readTimeoutNanos);
        } finally {
            sim.lock.unlock();
        }
    }

    /** Writes never block here, so there is nothing to time out. */
    @Override
    public void writeTimeout(Duration timeout) {
    }

    @Override
    public void shutdownOutput() {
        sim.lock.lock();
        try {
            join();
            sendEnd();
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public void reset() {
        sim.lock.lock();
        try {
            join();
            sendReset();
        } catch (SimulationOver e) {
            // Tearing down after the end: nothing left to reset.
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        sim.lock.lock();
        try {
            return closed;
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public void close() {
        sim.lock.lock();
        try {
            if (!sim.isClosed()) {
                join();
            }
            hangUp();
        } catch (SimulationOver e) {
            // Closing after the end of the simulation: it is gone anyway.
        } finally {
            sim.lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SimEndpoint[" + remote + "]";
    }

    private final class Input extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            sim.lock.lock();
            try {
                SimThread me = sim.enterLocked();
                long deadline = readTimeoutNanos == 0 ? Simulation.NEVER : sim.nowLocked() + readTimeoutNanos;
                while (true) {
                    if (closed) {
                        throw new SocketException("Socket closed");
                    }
                    if (buffered > 0) {
                        return take(b, off, len);
                    }
                    if (inboundReset) {
                        throw new SocketException("Connection reset");
                    }
                    if (inboundEnded) {
                        return -1;
                    }
                    if (sim.nowLocked() >= deadline) {
                        throw new SocketTimeoutException("Read timed out");
                    }
                    readers.add(me);
                    SimThread.Wake w;
                    try {
                        w = sim.park(me, deadline, "a read from " + remote);
                    } finally {
                        readers.remove(me);
                    }
                    if (w == SimThread.Wake.TIMEOUT && buffered == 0 && !inboundEnded && !inboundReset && !closed) {
                        throw new SocketTimeoutException("Read timed out");
                    }
                    if (w == SimThread.Wake.INTERRUPTED) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading");
                    }
                }
            } finally {
                sim.lock.unlock();
            }
        }

        private int take(byte[] b, int off, int len) {
            int n = 0;
            while (n < len && !chunks.isEmpty()) {
                byte[] head = chunks.peek();
                int k = Math.min(len - n, head.length - offset);
                System.arraycopy(head, offset, b, off + n, k);
                n += k;
                offset += k;
                if (offset == head.length) {
                    chunks.poll();
                    offset = 0;
                }
            }
            buffered -= n;
            return n;
        }

        @Override
        public int available() {
            sim.lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, buffered);
            } finally {
                sim.lock.unlock();
            }
        }

        @Override
        public void close() {
            SimEndpoint.this.close();
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            sim.lock.lock();
            try {
                join();
                send(Arrays.copyOfRange(b, off, off + len));
            } finally {
                sim.lock.unlock();
            }
        }

        @Override
        public void close() {
            SimEndpoint.this.close();
        }
    }
}
