package wslab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wslab.faults.bench.LoopbackServers;

/**
 * Each toxic, measured from a client's socket through the embedded proxy. Lower bounds are exact
 * (a delay can only come late, never early); upper bounds leave room for a loaded 2-core machine.
 * Tests wait on events (a byte, an end of stream, a reset), never on sleeps.
 */
class ToxicBehaviourTest {

    /** Room for a busy machine on top of any delay a toxic sets. */
    static final long SLACK_MS = 400;

    static FaultNetwork network;
    static ServerSocket echo;
    FaultLink link;

    @BeforeAll
    static void startNetwork() throws IOException {
        network = FaultNetwork.embedded();
        echo = LoopbackServers.echo();
    }

    @AfterAll
    static void stopNetwork() throws IOException {
        echo.close();
        network.close();
    }

    @AfterEach
    void closeLink() {
        if (link != null) {
            link.close();
        }
    }

    FaultLink linkTo(ServerSocket server) throws IOException {
        link = network.link("measure", "127.0.0.1", server.getLocalPort());
        return link;
    }

    static Socket connect(FaultLink link) throws IOException {
        Socket s = new Socket(link.host(), link.port());
        s.setTcpNoDelay(true);
        s.setSoTimeout(10_000);
        return s;
    }

    static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** One byte out and back, in milliseconds. */
    static long roundTripMillis(Socket s) throws IOException {
        long t0 = System.nanoTime();
        s.getOutputStream().write('x');
        assertThat(s.getInputStream().read()).isEqualTo('x');
        return millisSince(t0);
    }

    /** Says "hello" on accept, then counts what it receives until the end of the stream. */
    static ServerSocket greeterCounting(AtomicLong received) throws IOException {
        return LoopbackServers.start(s -> {
            s.getOutputStream().write("hello".getBytes());
            byte[] buf = new byte[1024];
            int n;
            while ((n = s.getInputStream().read(buf)) >= 0) {
                received.addAndGet(n);
            }
        });
    }

    // ---- latency ----

    @Test
    void latencyAddsItsDelayInEachDirectionItIsSetOn() throws IOException {
        linkTo(echo).toxics().latency("down", ToxicDirection.DOWNSTREAM, 200);
        try (Socket s = connect(link)) {
            assertThat(roundTripMillis(s)).isBetween(200L, 200 + SLACK_MS);
            // Added while the connection is open, and it applies to it.
            link.toxics().latency("up", ToxicDirection.UPSTREAM, 150);
            assertThat(roundTripMillis(s)).isBetween(350L, 350 + SLACK_MS);
        }
    }

    @Test
    void latencyStaysWithinItsJitter() throws IOException {
        linkTo(echo).toxics().latency("jittery", ToxicDirection.DOWNSTREAM, 100).setJitter(40);
        try (Socket s = connect(link)) {
            for (int i = 0; i < 8; i++) {
                assertThat(roundTripMillis(s)).isBetween(60L, 140 + SLACK_MS);
            }
        }
    }

    @Test
    void latencyCountsFromEachChunksArrivalSoABurstDoesNotAddUp() throws IOException {
        linkTo(echo).toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300);
        try (Socket s = connect(link)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                s.getOutputStream().write(i);
                // Pacing the sender so each byte is its own chunk; not a wait for anything.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30));
            }
            assertThat(s.getInputStream().readNBytes(10)).hasSize(10);
            // About 270 ms of sending plus 300 ms once; ten delays one after another would be 3 s.
            assertThat(millisSince(t0)).isBetween(300L + 270, 300 + 270 + SLACK_MS);
        }
    }

    // ---- bandwidth ----

    @Test
    void bandwidthLandsWithinAQuarterOfTheRateOverOneMebibyte() throws IOException {
        int bytes = 1024 * 1024;
        long rateKBps = 600;
        try (ServerSocket source = LoopbackServers.source(bytes)) {
            linkTo(source).toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, rateKBps);
            try (Socket s = connect(link)) {
                long t0 = System.nanoTime();
                long got = s.getInputStream().readAllBytes().length;
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(got).isEqualTo(bytes);
                // Toxiproxy's KB is 1000 bytes: rate is bytes per millisecond.
                double measuredKBps = bytes / 1000.0 / seconds;
                assertThat(measuredKBps).isBetween(rateKBps * 0.75, rateKBps * 1.25);
            }
        }
    }

    // ---- slicer ----

    @Test
    void slicerDeliversPiecesNoLargerThanAveragePlusVariationWithItsDelayInMicroseconds() throws IOException {
        try (ServerSocket source = LoopbackServers.source(400)) {
            long delayMicros = 5_000;
            // The client's slicer(..., 10, 5) would send 5 as the delay (see ToxiproxyApiCompatibilityTest): set each explicitly.
            linkTo(source).toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 10, 0).setSizeVariation(5).setDelay(delayMicros);
            try (Socket s = connect(link)) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[1024];
                int total = 0;
                int largest = 0;
                int reads = 0;
                int n;
                long t0 = System.nanoTime();
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    largest = Math.max(largest, n);
                    reads++;
                }
                long elapsed = millisSince(t0);
                assertThat(total).isEqualTo(400);
                assertThat(largest).isLessThanOrEqualTo(15);
                assertThat(reads).isGreaterThanOrEqualTo(400 / 15);
                // Pieces can only coalesce into fewer reads, so (reads - 1) gaps of 5 ms is a floor;
                // 80 pieces at most (5 bytes each), so milliseconds instead of microseconds would take 400 s.
                assertThat(elapsed).isBetween((reads - 1) * delayMicros / 1000, 80 * delayMicros / 1000 + 2 * SLACK_MS);
            }
        }
    }

    // ---- limit_data ----

    @Test
    void limitDataClosesAfterExactlyThatManyBytes() throws IOException {
        try (ServerSocket source = LoopbackServers.source(50_000)) {
            linkTo(source).toxics().limitData("limit", ToxicDirection.DOWNSTREAM, 12_345);
            try (Socket s = connect(link)) {
                assertThat(s.getInputStream().readAllBytes()).hasSize(12_345);
            }
        }
    }

    @Test
    void limitDataUpstreamCutsWhatTheServerReceives() throws IOException {
        AtomicLong received = new AtomicLong();
        try (ServerSocket counter = LoopbackServers.counter(received)) {
            linkTo(counter).toxics().limitData("limit", ToxicDirection.UPSTREAM, 100);
            try (Socket s = connect(link)) {
                s.getOutputStream().write(new byte[1000]);
                // The proxy closes the whole connection after 100 bytes: the client sees its end.
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received.get()).isEqualTo(100));
        }
    }

    @Test
    void limitDataCountsOnlyBytesAfterItWasAdded() throws IOException {
        linkTo(echo);
        try (Socket s = connect(link)) {
            s.getOutputStream().write(new byte[100]);
            assertThat(s.getInputStream().readNBytes(100)).hasSize(100);
            link.toxics().limitData("limit", ToxicDirection.DOWNSTREAM, 50);
            s.getOutputStream().write(new byte[100]);
            assertThat(s.getInputStream().readAllBytes()).hasSize(50);
        }
    }

    // ---- timeout ----

    @Test
    void timeoutSwallowsDataAndClosesAfterTheTimeout() throws IOException {
        linkTo(echo).toxics().timeout("blackhole", ToxicDirection.DOWNSTREAM, 600);
        try (Socket s = connect(link)) {
            long t0 = System.nanoTime();
            s.getOutputStream().write("lost".getBytes());
            int first = s.getInputStream().read();
            assertThat(first).as("no echo gets through, then the stream ends").isEqualTo(-1);
            assertThat(millisSince(t0)).isBetween(600L - 50, 600 + SLACK_MS * 3);
        }
    }

    @Test
    void timeoutRestartsItsCountdownWhenDataArrivesAsToxiproxyDoes() throws IOException {
        linkTo(echo).toxics().timeout("blackhole", ToxicDirection.UPSTREAM, 1000);
        try (Socket s = connect(link)) {
            s.setSoTimeout(50);
            long t0 = System.nanoTime();
            long lastByte = t0;
            // A byte every 100 ms for 1.5 s: each one restarts the 1 s countdown, so the link stays open.
            while (millisSince(t0) < 1500) {
                s.getOutputStream().write('x');
                lastByte = System.nanoTime();
                assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            // Then silence: it closes about 1 s after the last byte (measured from that byte, not from the
            // end of the loop, which a loaded machine can reach a few hundred milliseconds later).
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(millisSince(lastByte)).isBetween(1000L - 50, 1000 + SLACK_MS * 3);
        }
    }

    @Test
    void timeoutAddedToAnIdleConnectionClosesItAfterTheTimeout() throws IOException {
        linkTo(echo);
        try (Socket s = connect(link)) {
            roundTripMillis(s);
            // No byte moves after this: only the toxic's own countdown can end the connection.
            long t0 = System.nanoTime();
            link.toxics().timeout("idle", ToxicDirection.DOWNSTREAM, 300);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(millisSince(t0)).isBetween(300L - 50, 300 + SLACK_MS * 3);
        }
    }

    @Test
    void timeoutZeroNeverClosesAndRemovingItClosesTheConnectionAsToxiproxyDoes() throws IOException {
        linkTo(echo).toxics().timeout("forever", ToxicDirection.DOWNSTREAM, 0);
        try (Socket s = connect(link)) {
            s.setSoTimeout(1_500);
            s.getOutputStream().write("lost".getBytes());
            assertThatThrownBy(() -> s.getInputStream().read()).as("held open, nothing through")
                    .isInstanceOf(SocketTimeoutException.class);
            link.toxics().get("forever").remove();
            s.setSoTimeout(5_000);
            // Toxiproxy closes a connection whose timeout toxic goes: the dropped bytes left a gap in the stream.
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket fresh = connect(link)) {
            assertThat(roundTripMillis(fresh)).isLessThan(SLACK_MS);
        }
    }

    // ---- reset_peer ----

    @Test
    void resetPeerWaitsForDataThenSurfacesAsAResetNotAnOrderlyClose() throws IOException {
        linkTo(echo).toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 300);
        try (Socket s = connect(link)) {
            s.setSoTimeout(500);
            assertThatThrownBy(() -> s.getInputStream().read()).as("no data yet, so no reset yet")
                    .isInstanceOf(SocketTimeoutException.class);
            s.setSoTimeout(10_000);
            long t0 = System.nanoTime();
            s.getOutputStream().write('x');
            // A FIN would make read() return -1; only a RST makes it throw.
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
            assertThat(millisSince(t0)).isBetween(300L - 50, 300 + SLACK_MS * 3);
        }
    }

    // ---- slow_close ----

    @Test
    void slowCloseDelaysTheClose() throws IOException {
        try (ServerSocket quick = LoopbackServers.start(sock -> sock.getOutputStream().write('!'))) {
            linkTo(quick).toxics().slowClose("slow", ToxicDirection.DOWNSTREAM, 700);
            try (Socket s = connect(link)) {
                assertThat(s.getInputStream().read()).as("data is not held").isEqualTo('!');
                long t0 = System.nanoTime();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
                assertThat(millisSince(t0)).isBetween(700L - 100, 700 + SLACK_MS * 3);
            }
        }
    }

    // ---- down ----

    @Test
    void aDisabledProxyCutsOpenConnectionsAndRefusesNewOnes() throws IOException {
        linkTo(echo);
        try (Socket s = connect(link)) {
            roundTripMillis(s);
            link.proxy().disable();
            int read;
            try {
                read = s.getInputStream().read();
            } catch (SocketException e) {
                read = -1;
            }
            assertThat(read).isEqualTo(-1);
        }
        assertThatThrownBy(() -> connect(link)).isInstanceOf(ConnectException.class);
        link.proxy().enable();
        try (Socket s = connect(link)) {
            assertThat(roundTripMillis(s)).isLessThan(SLACK_MS);
        }
    }

    @Test
    void closingTheLinkDeletesTheProxyAndCutsItsConnections() throws IOException {
        linkTo(echo);
        try (Socket s = connect(link)) {
            roundTripMillis(s);
            link.close();
            link = null;
            int read;
            try {
                read = s.getInputStream().read();
            } catch (SocketException e) {
                read = -1;
            }
            assertThat(read).isEqualTo(-1);
        }
    }

    // ---- toxicity and streams ----

    @Test
    void toxicityZeroNeverAppliesAndOneAlwaysDoes() throws IOException {
        linkTo(echo).toxics().latency("never", ToxicDirection.DOWNSTREAM, 500).setToxicity(0f);
        for (int i = 0; i < 5; i++) {
            try (Socket s = connect(link)) {
                assertThat(roundTripMillis(s)).isLessThan(500);
            }
        }
        link.toxics().get("never").setToxicity(1f);
        for (int i = 0; i < 3; i++) {
            try (Socket s = connect(link)) {
                assertThat(roundTripMillis(s)).isGreaterThanOrEqualTo(500);
            }
        }
    }

    @Test
    void toxicityIsDrawnOncePerConnectionNotPerChunk() throws IOException {
        // 250 ms, well above what a loaded 2-core machine adds to a clean loopback round trip, so a fast draw
        // is never mistaken for a slow one.
        linkTo(echo).toxics().latency("coin", ToxicDirection.DOWNSTREAM, 250).setToxicity(0.5f);
        int slow = 0;
        int connections = 12;
        for (int i = 0; i < connections; i++) {
            try (Socket s = connect(link)) {
                boolean first = roundTripMillis(s) >= 250;
                boolean second = roundTripMillis(s) >= 250;
                assertThat(second).as("the same connection keeps its draw").isEqualTo(first);
                slow += first ? 1 : 0;
            }
        }
        // All 12 alike has a chance of 2 in 4096.
        assertThat(slow).isBetween(1, connections - 1);
    }

    @Test
    void upstreamAndDownstreamToxicsActOnTheirOwnDirection() throws IOException {
        AtomicLong received = new AtomicLong();
        try (ServerSocket server = greeterCounting(received)) {
            linkTo(server).toxics().timeout("client_bytes_vanish", ToxicDirection.UPSTREAM, 0);
            try (Socket s = connect(link)) {
                assertThat(new String(s.getInputStream().readNBytes(5))).as("downstream is clean").isEqualTo("hello");
                s.getOutputStream().write(new byte[10]);
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> received.get() == 0);
            }
            link.close();

            received.set(0);
            linkTo(server).toxics().timeout("server_bytes_vanish", ToxicDirection.DOWNSTREAM, 0);
            try (Socket s = connect(link)) {
                s.getOutputStream().write(new byte[10]);
                await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 10);
                s.setSoTimeout(500);
                assertThatThrownBy(() -> s.getInputStream().read()).as("the greeting vanished")
                        .isInstanceOf(SocketTimeoutException.class);
            }
        }
    }

    @Test
    void removingAToxicRestoresCleanFlowOnAnOpenConnection() throws IOException {
        linkTo(echo).toxics().latency("slow", ToxicDirection.DOWNSTREAM, 500);
        try (Socket s = connect(link)) {
            assertThat(roundTripMillis(s)).isGreaterThanOrEqualTo(500);
            link.reset();
            assertThat(roundTripMillis(s)).isLessThan(SLACK_MS);
            assertThat(link.activeToxics()).isEmpty();
        }
    }

    @Test
    void removingALatencyToxicReleasesDataAlreadyWaiting() throws IOException {
        linkTo(echo).toxics().latency("very_slow", ToxicDirection.DOWNSTREAM, 20_000);
        try (Socket s = connect(link)) {
            long t0 = System.nanoTime();
            s.getOutputStream().write('x');
            link.toxics().get("very_slow").remove();
            assertThat(s.getInputStream().read()).isEqualTo('x');
            assertThat(millisSince(t0)).isLessThan(SLACK_MS * 3);
        }
    }

    @Test
    void aBigTransferStaysIntactAndInOrderWhileAToxicComesAndGoes() throws Exception {
        linkTo(echo);
        byte[] sent = new byte[16 * 1024 * 1024];
        new java.util.Random(11).nextBytes(sent);
        try (Socket s = connect(link)) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int at = 0; at < sent.length; at += 64 * 1024) {
                        out.write(sent, at, 64 * 1024);
                    }
                } catch (IOException ignored) {
                    // The assertion below reports what went wrong.
                }
            });
            writer.start();
            // The toxic arrives while bytes stream through clean, and goes while chunks wait for it:
            // the stream must switch between passing bytes on at once and queueing them, both ways.
            byte[] received = new byte[sent.length];
            InputStream in = s.getInputStream();
            int at = readAtLeast(in, received, 0, sent.length / 4);
            link.toxics().latency("passing", ToxicDirection.DOWNSTREAM, 5);
            at = readAtLeast(in, received, at, sent.length / 2);
            link.toxics().get("passing").remove();
            readAtLeast(in, received, at, sent.length);
            writer.join();
            assertThat(Arrays.mismatch(received, sent)).as("the first byte out of place, -1 if none").isEqualTo(-1);
        }
    }

    /** Reads into {@code into} from {@code at} until at least {@code until} bytes are in; how many are. */
    static int readAtLeast(InputStream in, byte[] into, int at, int until) throws IOException {
        while (at < until) {
            int n = in.read(into, at, into.length - at);
            assertThat(n).as("the stream ended %d bytes short", into.length - at).isPositive();
            at += n;
        }
        return at;
    }

    @Test
    void aBigTransferPassesIntactThroughACleanLink() throws IOException {
        linkTo(echo);
        byte[] sent = new byte[4 * 1024 * 1024];
        new java.util.Random(7).nextBytes(sent);
        try (Socket s = connect(link)) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(sent);
                } catch (IOException ignored) {
                    // The assertion below reports what went wrong.
                }
            });
            writer.start();
            assertThat(s.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
        }
    }
}
