package wslab.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * One TCP connection, as two byte streams. Reads block until bytes arrive, the peer closes
 * ({@code -1}), the connection is reset ({@link java.net.SocketException}) or the read timeout
 * passes ({@link java.net.SocketTimeoutException}); as with a real socket, one read returns
 * whatever has arrived, not a whole message.
 */
public interface TcpConnection extends Closeable {

    InputStream input();

    OutputStream output();

    /** How long a read may wait; {@link Duration#ZERO} waits for ever. */
    void readTimeout(Duration timeout) throws IOException;

    Duration readTimeout();

    /**
     * How long one write may take before the connection is closed and the write fails with a
     * {@link java.net.SocketTimeoutException}: a peer that stops reading must not block a writer
     * for ever. {@link Duration#ZERO} (the default) waits for ever.
     */
    void writeTimeout(Duration timeout);

    /** Sends FIN: the peer reads the end of the stream; this side can still read. */
    void shutdownOutput() throws IOException;

    /** Ends the connection with RST (SO_LINGER 0): the peer sees "connection reset", not an orderly end. */
    void reset();

    boolean isClosed();

    /** The peer's address, {@code 127.0.0.1:53412}, for logs. */
    String remoteAddress();

    /**
     * Closes the connection. As with TCP, the peer reads an orderly end of stream, unless bytes
     * it sent were still unread here: then it sees a reset. Never throws.
     */
    @Override
    void close();
}
