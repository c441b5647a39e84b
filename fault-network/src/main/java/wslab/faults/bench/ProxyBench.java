package wslab.faults.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import wslab.faults.FaultLink;
import wslab.faults.FaultNetwork;

/**
 * What a clean pass-through link costs: throughput and round-trip time through the embedded
 * proxy against a direct loopback connection, measured in the same run and printed as ratios
 * (absolute figures on a shared machine say little; ratios travel).
 */
public final class ProxyBench {

    private static final int STREAM_BYTES = 256 * 1024 * 1024;
    private static final int ROUND_TRIPS = 20_000;
    private static final int WARMUP_ROUND_TRIPS = 5_000;

    private ProxyBench() {
    }

    public static void run(PrintStream out) throws IOException {
        FaultNetwork network = FaultNetwork.embedded();
        try (ServerSocket sink = LoopbackServers.sink(new AtomicLong()); ServerSocket echo = LoopbackServers.echo();
             FaultLink sinkLink = network.link("bench-sink", "127.0.0.1", sink.getLocalPort());
             FaultLink echoLink = network.link("bench-echo", "127.0.0.1", echo.getLocalPort())) {
            out.println("wslab bench proxy: " + network.describe());
            // Warm both paths so the JIT has compiled the proxy's copy loop before timing.
            throughput("127.0.0.1", sink.getLocalPort(), STREAM_BYTES / 8);
            throughput(sinkLink.host(), sinkLink.port(), STREAM_BYTES / 8);
            double direct = throughput("127.0.0.1", sink.getLocalPort(), STREAM_BYTES);
            double proxied = throughput(sinkLink.host(), sinkLink.port(), STREAM_BYTES);
            out.printf("throughput  direct %8.0f MB/s   proxy %8.0f MB/s   proxy/direct = %.2f%n",
                    direct, proxied, proxied / direct);

            roundTrips("127.0.0.1", echo.getLocalPort(), WARMUP_ROUND_TRIPS);
            roundTrips(echoLink.host(), echoLink.port(), WARMUP_ROUND_TRIPS);
            Histogram d = roundTrips("127.0.0.1", echo.getLocalPort(), ROUND_TRIPS);
            Histogram p = roundTrips(echoLink.host(), echoLink.port(), ROUND_TRIPS);
            for (double q : new double[] {50, 99, 99.9}) {
                long dq = d.getValueAtPercentile(q);
                long pq = p.getValueAtPercentile(q);
                out.printf("RTT p%-5s  direct %8.1f µs   proxy %8.1f µs   proxy/direct = %.2f%n",
                        q == 50 ? "50" : q == 99 ? "99" : "99.9", dq / 1000.0, pq / 1000.0, (double) pq / dq);
            }
        } finally {
            network.close();
        }
    }

    /** MB/s (10^6 bytes) for sending {@code bytes} and getting the receiver's one-byte acknowledgement. */
    private static double throughput(String host, int port, int bytes) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (Socket s = new Socket(host, port)) {
            OutputStream out = s.getOutputStream();
            long t0 = System.nanoTime();
            for (int sent = 0; sent < bytes; sent += block.length) {
                out.write(block);
            }
            s.shutdownOutput();
            if (s.getInputStream().read() < 0) {
                throw new IOException("the sink closed without acknowledging");
            }
            return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static Histogram roundTrips(String host, int port, int count) throws IOException {
        Histogram h = new Histogram(3_600_000_000L, 3);
        try (Socket s = new Socket(host, port)) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                out.write(i & 0x7F);
                if (in.read() < 0) {
                    throw new IOException("the echo closed");
                }
                h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }
}
