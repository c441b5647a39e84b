package wslab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wslab.faults.bench.LoopbackServers;

/**
 * Each toxic, measured: what a client sees through the embedded proxy must be what it would see
 * through Toxiproxy. Bounds leave room for a loaded 2-core machine: lower bounds are exact
 * (a delay can only be longer), upper bounds are generous.
 */
class ToxicBehaviourTest {

    /** Slack for a busy machine on top of any delay a toxic sets. */
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

    /** One byte out and back, in milliseconds. */
    static long roundTripMillis(Socket s) throws IOException {
        long t0 = System.nanoTime();
        s.getOutputStream().write('x');
        s.getOutputStream().flush();
        assertThat(s.getInputStream().read()).isEqualTo('x');
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void latencyAddsTheDelayInEachDirectionItIsSetOn() throws IOException {
        linkTo(echo).toxics().latency("down", ToxicDirection.DOWNSTREAM, 200);
        try (Socket s = connect(link)) {
            assertThat(roundTripMillis(s)).isBetween(200L, 200 + SLACK_MS);
            link.toxics().latency("up", ToxicDirection.UPSTREAM, 150);
            assertThat(roundTripMillis(s)).isBetween(350L, 350 + SLACK_MS);
        }
    }

    @Test
    void latencyStaysWithinItsJitter() throws IOException {
        linkTo(echo).toxics().latency("jittery", ToxicDirection.DOWNSTREAM, 200).setJitter(50);
        try (Socket s = connect(link)) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 12; i++) {
                long rtt = roundTripMillis(s);
                min = Math.min(min, rtt);
                max = Math.max(max, rtt);
            }
            assertThat(min).isGreaterThanOrEqualTo(150);
            assertThat(max).isLessThanOrEqualTo(250 + SLACK_MS);
        }
    }

    @Test
    void bandwidthLandsWithinAQuarterOfTheRateOverOneMegabyte() throws IOException {
        int bytes = 1024 * 1024;
        long rateKBps = 600;
        try (ServerSocket source = LoopbackServers.source(bytes)) {
            linkTo(source).toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, rateKBps);
            try (Socket s = connect(link)) {
                long t0 = System.nanoTime();
                long got = s.getInputStream().readAllBytes().length;
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(got).isEqualTo(bytes);
                double measuredKBps = bytes / 1000.0 / seconds;
                assertThat(measuredKBps).isBetween(rateKBps * 0.75, rateKBps * 1.25);
            }
        }
    }

    @Test
    void slicerDeliversPiecesNoLargerThanAveragePlusVariation() throws IOException {
        try (ServerSocket source = LoopbackServers.source(400)) {
            linkTo(source).toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 10, 5).setDelay(5_000);
            try (Socket s = connect(link)) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[1024];
                int total = 0;
                int largest = 0;
                int reads = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    largest = Math.max(largest, n);
                    reads++;
                }
                assertThat(total).isEqualTo(400);
                assertThat(largest).isLessThanOrEqualTo(15);
                assertThat(reads).isGreaterThanOrEqualTo(400 / 15);
            }
        }
    }

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
        try (ServerSocket sink = LoopbackServers.sink(received)) {
            linkTo(sink).toxics().limitData("limit", ToxicDirection.UPSTREAM, 100);
            try (Socket s = connect(link)) {
                s.getOutputStream().write(new byte[1000]);
                s.getOutputStream().flush();
                // The proxy closes the link after 100 bytes: the client sees the end of the stream.
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received.get()).isEqualTo(100));
        }
    }

    @Test
    void timeoutSwallowsDataAndClosesAfterTheTimeout() throws IOException {
        linkTo(echo).toxics().timeout("blackhole", ToxicDirection.DOWNSTREAM, 600);
        try (Socket s = connect(link)) {
            long t0 = System.nanoTime();
            s.getOutputStream().write("lost".getBytes());
            s.getOutputStream().flush();
            int first = s.getInputStream().read();
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            assertThat(first).as("no echo gets through, then the stream ends").isEqualTo(-1);
            assertThat(elapsed).isBetween(600L - 50, 600 + SLACK_MS * 3);
        }
    }

    @Test
    void timeoutZeroHoldsTheConnectionUntilTheToxicIsRemoved() throws IOException {
        linkTo(echo).toxics().timeout("forever", ToxicDirection.DOWNSTREAM, 0);
        try (Socket s = connect(link)) {
            s.setSoTimeout(1_500);
            s.getOutputStream().write("lost".getBytes());
            s.getOutputStream().flush();
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            link.toxics().get("forever").remove();
            s.setSoTimeout(5_000);
            assertThat(roundTripMillis(s)).isLessThan(SLACK_MS);
        }
    }

    @Test
    void resetPeerSurfacesAsAResetNotAnOrderlyClose() throws IOException {
        linkTo(echo).toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);
        try (Socket s = connect(link)) {
            assertThatThrownBy(() -> {
                s.getOutputStream().write('x');
                s.getOutputStream().flush();
                // A FIN would make read() return -1; only a RST makes it throw.
                s.getInputStream().read();
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void slowCloseDelaysTheFin() throws IOException {
        try (ServerSocket quick = LoopbackServers.start(sock -> { })) {
            linkTo(quick).toxics().slowClose("slow", ToxicDirection.DOWNSTREAM, 700);
            try (Socket s = connect(link)) {
                long t0 = System.nanoTime();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
                assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(700L - 50, 700 + SLACK_MS * 3);
            }
        }
    }

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
    void activeToxicsDescribeTypeStreamAndAttributes() throws IOException {
        linkTo(echo).toxics().slicer("s", ToxicDirection.UPSTREAM, 1, 0).setDelay(500);
        assertThat(link.activeToxics()).containsExactly("slicer upstream average_size=1 size_variation=0 delay=500 toxicity=1.0");
    }
}
