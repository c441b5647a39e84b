package wslab.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over any {@link TcpConnection}, so a {@code wss://} server or client runs on the real
 * network and on a simulated one alike: the JDK's {@link SSLEngine} does the cryptography, this
 * class moves its records over the connection's two byte streams. The handshake costs CPU, never
 * virtual time.
 *
 * <p>Call {@link #handshake()} first, on the thread that will read. After it, one thread reads
 * and any thread writes (writes are serialised here); reads and their timeouts are the
 * underlying connection's.
 */
public final class TlsConnection implements TcpConnection {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final TcpConnection raw;
    private final SSLEngine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final ReentrantLock writing = new ReentrantLock();
    /** Records read from the connection, not yet decrypted (write mode). */
    private ByteBuffer netIn;
    /** Plaintext decrypted, not yet read (write mode). */
    private ByteBuffer appIn;
    /** One record at a time on its way out. */
    private ByteBuffer netOut;
    private boolean inboundDone;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    TlsConnection(TcpConnection raw, SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        this.rawIn = raw.input();
        this.rawOut = raw.output();
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
    }

    /**
     * Runs the TLS handshake to its end. Reads wait as long as the connection's read timeout
     * allows; a peer that speaks something else than TLS fails it with an {@link SSLException}.
     *
     * @throws java.io.EOFException if the peer closed the connection before the handshake completed
     */
    public void handshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus status = engine.getHandshakeStatus();
        while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
            switch (status) {
                case NEED_WRAP -> wrap(NOTHING);
                case NEED_TASK -> runTasks();
                default -> {
                    if (!unwrapSome()) {
                        throw new java.io.EOFException("the peer closed the connection during the TLS handshake");
                    }
                }
            }
            status = engine.getHandshakeStatus();
        }
    }

    /** The negotiated session: protocol ({@code TLSv1.3}), cipher suite, the peer's certificates. */
    public SSLSession session() {
        return engine.getSession();
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
    public void readTimeout(Duration timeout) throws IOException {
        raw.readTimeout(timeout);
    }

    @Override
    public Duration readTimeout() {
        return raw.readTimeout();
    }

    @Override
    public void writeTimeout(Duration timeout) {
        raw.writeTimeout(timeout);
    }

    /** Sends TLS's close_notify, then FIN. */
    @Override
    public void shutdownOutput() throws IOException {
        writing.lock();
        try {
            engine.closeOutbound();
            wrap(NOTHING);
        } finally {
            writing.unlock();
        }
        raw.shutdownOutput();
    }

    @Override
    public void reset() {
        raw.reset();
    }

    @Override
    public boolean isClosed() {
        return raw.isClosed();
    }

    @Override
    public String remoteAddress() {
        return raw.remoteAddress();
    }

    /**
     * Sends close_notify if no write is under way (a writer stuck on a peer that does not read
     * must not hold up the close), then closes the connection. Never throws.
     */
    @Override
    public void close() {
        if (writing.tryLock()) {
            try {
                engine.closeOutbound();
                wrap(NOTHING);
            } catch (IOException | RuntimeException ignored) {
                // The connection may be gone already; closing it is all that is left.
            } finally {
                writing.unlock();
            }
        }
        raw.close();
    }

    /** Encrypts all of {@code plain} into records and writes them; also emits handshake and alert records. */
    private void wrap(ByteBuffer plain) throws IOException {
        writing.lock();
        try {
            do {
                netOut.clear();
                SSLEngineResult r = engine.wrap(plain, netOut);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                    case CLOSED, OK -> {
                        netOut.flip();
                        rawOut.write(netOut.array(), 0, netOut.limit());
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            rawOut.flush();
                            if (plain.hasRemaining()) {
                                throw new SSLException("the TLS connection is closed");
                            }
                            return;
                        }
                    }
                    default -> throw new SSLException("unexpected TLS state " + r.getStatus());
                }
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            } while (plain.hasRemaining() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
            rawOut.flush();
        } finally {
            writing.unlock();
        }
    }

    /**
     * Decrypts one record, reading more bytes when a record is incomplete.
     *
     * @return false at the end of the stream, or once the peer's close_notify has arrived
     */
    private boolean unwrapSome() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case OK -> {
                    HandshakeStatus hs = r.getHandshakeStatus();
                    if (hs == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && hs != HandshakeStatus.FINISHED) {
                        // A handshake or post-handshake message (TLS 1.3 key update) asks for an answer.
                        wrap(NOTHING);
                    }
                    if (r.bytesConsumed() > 0 || r.bytesProduced() > 0) {
                        return true;
                    }
                    if (!fill()) {
                        return false;
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    int needed = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < needed) {
                        netIn = ByteBuffer.allocate(needed).put(netIn.flip());
                    }
                    if (!fill()) {
                        return false;
                    }
                }
                case BUFFER_OVERFLOW -> appIn = ByteBuffer.allocate(appIn.capacity() * 2).put(appIn.flip());
                case CLOSED -> {
                    return false;
                }
                default -> throw new SSLException("unexpected TLS state " + r.getStatus());
            }
        }
    }

    /** Reads whatever bytes have arrived into {@link #netIn}; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (!netIn.hasRemaining()) {
            netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
        }
        int n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
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
            while (appIn.position() == 0) {
                if (inboundDone) {
                    return -1;
                }
                if (!unwrapSome()) {
                    inboundDone = true;
                    return -1;
                }
            }
            appIn.flip();
            int n = Math.min(len, appIn.remaining());
            appIn.get(b, off, n);
            appIn.compact();
            return n;
        }

        @Override
        public int available() {
            return appIn.position();
        }

        @Override
        public void close() {
            TlsConnection.this.close();
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                wrap(ByteBuffer.wrap(b, off, len));
            }
        }

        @Override
        public void flush() throws IOException {
            rawOut.flush();
        }

        @Override
        public void close() {
            TlsConnection.this.close();
        }
    }
}
