package wslab.faults.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import wslab.faults.FaultLink;
import wslab.faults.FaultNetwork;

/**
 * What a clean pass-through link costs: throughput and round-trip time through the embedded
 * proxy against a direct loopback connection, both measured in the same run after a warm-up, and
 * printed as ratios. Absolute figures on a shared machine say little; ratios travel.
 */
public final class ProxyBench {

    private static final long STREAM_BYTES = 256L * 1024 * 1024;
    private static final int WRITE_SIZE = 64 * 1024;
    private static final int ROUND_TRIPS = 20_000;
    private static final int WARMUP_ROUND_TRIPS = 5_000;
    /** Connections per path for the timed round trips; each carries ROUND_TRIPS / RTT_ROUNDS of them. */
    private static final int RTT_ROUNDS = 40;
    /** Untimed echoes at the start of each connection: its first ones pay for the connection's setup. */
    private static final int CONNECTION_WARMUP = 50;
    private static final long HISTOGRAM_MAX_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ProxyBench() {
    }

    /** The full run, as {@code ./wslab bench proxy} prints it, without building the launcher. */
    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    /** The full run: 256 MiB each way of measuring, 20,000 round trips each; well under a minute. */
    public static void run(PrintStream out) throws IOException {
        run(out, STREAM_BYTES, ROUND_TRIPS);
    }

    /** A run of a chosen size, so a test can check the report without waiting for real figures. */
    static void run(PrintStream out, long streamBytes, int echoes) throws IOException {
        int warmupRoundTrips = Math.min(WARMUP_ROUND_TRIPS, echoes);
        try (FaultNetwork network = FaultNetwork.embedded();
             ServerSocket sink = LoopbackServers.sink();
             ServerSocket echo = LoopbackServers.echo();
             FaultLink sinkLink = network.link("bench-sink", "127.0.0.1", sink.getLocalPort());
             FaultLink echoLink = network.link("bench-echo", "127.0.0.1", echo.getLocalPort())) {
            out.println("wslab bench proxy: a pass-through link on the " + network.describe());
            out.println("  against a direct loopback connection, both measured in this run after a warm-up");

            // Warm both paths so the JIT has compiled the copy loops before anything is timed.
            for (int i = 0; i < 2; i++) {
                throughput("127.0.0.1", sink.getLocalPort(), streamBytes / 8);
                throughput(sinkLink.host(), sinkLink.port(), streamBytes / 8);
            }
            // Alternate the two and keep each one's best, so a burst of load elsewhere does not decide the ratio.
            double direct = 0;
            double proxied = 0;
            for (int i = 0; i < 2; i++) {
                direct = Math.max(direct, throughput("127.0.0.1", sink.getLocalPort(), streamBytes));
                proxied = Math.max(proxied, throughput(sinkLink.host(), sinkLink.port(), streamBytes));
            }
            out.printf("throughput (%d MiB one way, %d KiB writes): direct %.0f MB/s, proxy %.0f MB/s%n",
                    streamBytes >> 20, WRITE_SIZE >> 10, direct, proxied);
            out.printf("throughput: proxy/direct = %.2f%n", proxied / direct);

            roundTrips("127.0.0.1", echo.getLocalPort(), warmupRoundTrips, null);
            roundTrips(echoLink.host(), echoLink.port(), warmupRoundTrips, null);
            // Many short connections, the two paths taking turns: which CPUs a connection's threads
            // land on is decided per connection and lasts for it, and load elsewhere comes in bursts,
            // so one long connection per path measures the scheduler's luck, not the proxy.
            Histogram d = new Histogram(HISTOGRAM_MAX_NANOS, 3);
            Histogram p = new Histogram(HISTOGRAM_MAX_NANOS, 3);
            int rounds = Math.max(1, Math.min(RTT_ROUNDS, echoes / 100));
            for (int r = 0; r < rounds; r++) {
                boolean directFirst = r % 2 == 0;
                roundTrips(directFirst ? "127.0.0.1" : echoLink.host(), directFirst ? echo.getLocalPort() : echoLink.port(),
                        echoes / rounds, directFirst ? d : p);
                roundTrips(directFirst ? echoLink.host() : "127.0.0.1", directFirst ? echoLink.port() : echo.getLocalPort(),
                        echoes / rounds, directFirst ? p : d);
            }
            out.printf("round trips: %d one-byte echoes each, TCP_NODELAY, on %d connections per path taking turns%n",
                    d.getTotalCount(), rounds);
            for (double q : new double[] {50, 99, 99.9}) {
                double dq = d.getValueAtPercentile(q) / 1000.0;
                double pq = p.getValueAtPercentile(q) / 1000.0;
                String label = q == 99.9 ? "p99.9" : "p" + (int) q;
                out.printf("%s RTT: direct %.1f µs, proxy %.1f µs, proxy/direct = %.1fx%n", label, dq, pq, pq / dq);
            }
        }
    }

    /** MB/s (10^6 bytes) for sending {@code bytes} and getting the receiver's one-byte acknowledgement. */
    private static double throughput(String host, int port, long bytes) throws IOException {
        byte[] block = new byte[WRITE_SIZE];
        try (Socket s = new Socket(host, port)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            long t0 = System.nanoTime();
            out.writeLong(bytes);
            for (long sent = 0; sent < bytes; sent += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - sent));
            }
            out.flush();
            if (s.getInputStream().read() < 0) {
                throw new IOException("the sink closed without acknowledging");
            }
            return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * {@code count} one-byte echoes on a new connection, after {@value #CONNECTION_WARMUP} untimed
     * ones that settle the connection; recorded into {@code into} unless it is null (a warm-up).
     */
    private static void roundTrips(String host, int port, int count, Histogram into) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int i = -CONNECTION_WARMUP; i < count; i++) {
                long t0 = System.nanoTime();
                out.write(i & 0x7F);
                if (in.read() < 0) {
                    throw new IOException("the echo server closed");
                }
                if (i >= 0 && into != null) {
                    into.recordValue(Math.min(System.nanoTime() - t0, HISTOGRAM_MAX_NANOS));
                }
            }
        }
    }
}
