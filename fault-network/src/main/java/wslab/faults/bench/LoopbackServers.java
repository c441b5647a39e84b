package wslab.faults.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** Small TCP servers on loopback that the proxy is measured against, in the bench and in tests. */
public final class LoopbackServers {

    public interface Handler {
        void serve(Socket s) throws IOException;
    }

    private LoopbackServers() {
    }

    public static ServerSocket start(Handler handler) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            handler.serve(s);
                        } catch (IOException ignored) {
                            // The test hung up.
                        }
                    }, "loopback-conn");
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return ss;
    }

    /** Echoes every byte back as it arrives. */
    public static ServerSocket echo() throws IOException {
        return start(s -> {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        });
    }

    /** Sends {@code bytes} bytes on accept, then closes. */
    public static ServerSocket source(int bytes) throws IOException {
        return start(s -> {
            OutputStream out = s.getOutputStream();
            out.write(new byte[bytes]);
            out.flush();
        });
    }

    /** Counts what it receives until EOF, then answers one byte so the sender can time the transfer. */
    public static ServerSocket sink(AtomicLong received) throws IOException {
        return start(s -> {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = s.getInputStream().read(buf)) >= 0) {
                received.addAndGet(n);
            }
            s.getOutputStream().write(1);
            s.getOutputStream().flush();
        });
    }
}
