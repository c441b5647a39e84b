package wslab.faults.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** Small TCP servers on loopback that the proxy is measured against, in the benchmark and in tests. */
public final class LoopbackServers {

    /** What a server does with one accepted connection; the connection is closed when it returns. */
    public interface Handler {
        void serve(Socket s) throws IOException;
    }

    private LoopbackServers() {
    }

    /** A server on a free loopback port that runs {@code handler} for each connection, each on its own thread. */
    public static ServerSocket start(Handler handler) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!ss.isClosed()) {
                Socket s;
                try {
                    s = ss.accept();
                } catch (IOException e) {
                    return;
                }
                Thread c = new Thread(() -> {
                    try (s) {
                        handler.serve(s);
                    } catch (IOException ignored) {
                        // The client hung up; the next connection is another story.
                    }
                }, "loopback-conn");
                c.setDaemon(true);
                c.start();
            }
        }, "loopback-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return ss;
    }

    /** Echoes every byte back as it arrives. */
    public static ServerSocket echo() throws IOException {
        return start(s -> {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        });
    }

    /** Sends {@code bytes} zero bytes on accept, then closes. */
    public static ServerSocket source(int bytes) throws IOException {
        return start(s -> s.getOutputStream().write(new byte[bytes]));
    }

    /** Adds every byte it receives to {@code received} until the client's end of stream. */
    public static ServerSocket counter(AtomicLong received) throws IOException {
        return start(s -> {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = s.getInputStream().read(buf)) >= 0) {
                received.addAndGet(n);
            }
        });
    }

    /**
     * Reads an 8-byte length, then that many bytes, then answers one byte, so a sender can time a
     * transfer end to end without closing its side first (a proxy passes on a close as a full close).
     */
    public static ServerSocket sink() throws IOException {
        return start(s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            long left = in.readLong();
            byte[] buf = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("the sender stopped " + left + " bytes short");
                }
                left -= n;
            }
            s.getOutputStream().write(1);
        });
    }
}
