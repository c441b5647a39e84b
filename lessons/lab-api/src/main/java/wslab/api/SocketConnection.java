package wslab.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A {@link TcpConnection} over a real socket, with TCP_NODELAY (a lab's messages are small). */
final class SocketConnection implements TcpConnection {

    /** Socket writes have no timeout of their own; this closes a socket whose write overran. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "wslab-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile long writeTimeoutNanos;

    SocketConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        OutputStream raw = socket.getOutputStream();
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long limit = writeTimeoutNanos;
                if (limit <= 0) {
                    raw.write(b, off, len);
                    return;
                }
                boolean[] overran = {false};
                ScheduledFuture<?> guard = WATCHDOG.schedule(() -> {
                    overran[0] = true;
                    SocketConnection.this.close();
                }, limit, TimeUnit.NANOSECONDS);
                try {
                    raw.write(b, off, len);
                } catch (IOException e) {
                    if (overran[0]) {
                        throw new SocketTimeoutException("the peer stopped reading: a write of " + len
                                + " bytes did not finish in " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms");
                    }
                    throw e;
                } finally {
                    guard.cancel(false);
                }
            }

            @Override
            public void flush() throws IOException {
                raw.flush();
            }

            @Override
            public void close() {
                SocketConnection.this.close();
            }
        };
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(timeout.isZero() ? 0 : 1, timeout.toMillis())));
    }

    @Override
    public Duration readTimeout() {
        try {
            return Duration.ofMillis(socket.getSoTimeout());
        } catch (IOException e) {
            return Duration.ZERO;
        }
    }

    @Override
    public void writeTimeout(Duration timeout) {
        writeTimeoutNanos = timeout.toNanos();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Already closed: nothing left to reset.
        }
        close();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public String remoteAddress() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }
}
