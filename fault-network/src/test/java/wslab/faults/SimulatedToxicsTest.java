package wslab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wslab.api.LabEnvironment;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;
import wslab.sim.Simulation;

/**
 * The simulated proxy's toxics, measured on the virtual clock through the same Toxiproxy API and
 * client as {@link ToxicBehaviourTest} measures the socket proxy's. Here every delay is exact: a
 * simulation has no busy machine, so the bounds have no slack.
 */
class SimulatedToxicsTest {

    Simulation sim;
    LabEnvironment env;
    FaultNetwork faults;
    TcpListener echo;
    FaultLink link;

    @BeforeEach
    void startEcho() throws IOException {
        sim = new Simulation(11);
        env = sim.environment(11);
        faults = FaultNetwork.simulated(sim);
        echo = env.listen(0);
        env.startThread("echo-accept", () -> {
            while (true) {
                TcpConnection c;
                try {
                    c = echo.accept();
                } catch (IOException e) {
                    return;
                }
                env.startThread("echo", () -> {
                    try (c) {
                        byte[] b = new byte[64 * 1024];
                        int n;
                        while ((n = c.input().read(b)) >= 0) {
                            c.output().write(b, 0, n);
                        }
                    } catch (IOException e) {
                        // The connection ended; so does this echo.
                    }
                });
            }
        });
        link = faults.link("sim-measure", "127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() {
        link.close();
        sim.close();
    }

    TcpConnection connect() throws IOException {
        TcpConnection c = env.connect(link.host(), link.port(), Duration.ofSeconds(1));
        c.readTimeout(Duration.ofSeconds(60));
        return c;
    }

    long millis(long t0) {
        return (env.nanoTime() - t0) / 1_000_000;
    }

    long roundTripMillis(TcpConnection c) throws IOException {
        long t0 = env.nanoTime();
        c.output().write('x');
        assertThat(c.input().read()).isEqualTo('x');
        return millis(t0);
    }

    @Test
    void noToxicCostsNothing() throws IOException {
        try (TcpConnection c = connect()) {
            assertThat(roundTripMillis(c)).isZero();
        }
    }

    @Test
    void latencyDelaysEachWayByExactlyItsValue() throws IOException {
        link.toxics().latency("up", ToxicDirection.UPSTREAM, 70);
        link.toxics().latency("down", ToxicDirection.DOWNSTREAM, 130);
        try (TcpConnection c = connect()) {
            assertThat(roundTripMillis(c)).isEqualTo(200);
        }
    }

    @Test
    void jitterStaysWithinItsRangeAndNeverReorders() throws IOException {
        link.toxics().latency("down", ToxicDirection.DOWNSTREAM, 100).setJitter(40);
        try (TcpConnection c = connect()) {
            for (int i = 0; i < 30; i++) {
                long rtt = roundTripMillis(c);
                assertThat(rtt).isBetween(60L, 140L);
            }
            byte[] burst = new byte[50];
            for (int i = 0; i < burst.length; i++) {
                burst[i] = (byte) i;
                c.output().write(i);
            }
            assertThat(c.input().readNBytes(50)).as("latency counts from arrival, in order").isEqualTo(burst);
        }
    }

    @Test
    void bandwidthPacesBytesAtItsRate() throws IOException {
        // 50 KB/s: 100,000 bytes take 2 s on the way back.
        link.toxics().bandwidth("slow", ToxicDirection.DOWNSTREAM, 50);
        try (TcpConnection c = connect()) {
            byte[] data = new byte[100_000];
            long t0 = env.nanoTime();
            c.output().write(data);
            c.input().readNBytes(data.length);
            assertThat(millis(t0)).isEqualTo(2000);
        }
    }

    @Test
    void slicerCutsWritesIntoSlicesWithItsDelayBetween() throws IOException {
        // One byte a slice, 2 ms apart (slicer delay is in microseconds, as Toxiproxy's).
        link.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 1, 2000);
        try (TcpConnection c = connect()) {
            byte[] data = "hello".getBytes();
            long t0 = env.nanoTime();
            c.output().write(data);
            byte[] got = new byte[5];
            for (int i = 0; i < 5; i++) {
                assertThat(c.input().read(got, i, 5)).as("one byte a read").isEqualTo(1);
            }
            assertThat(got).isEqualTo(data);
            // Four pauses between five slices (and one after the last, before anything else).
            assertThat(millis(t0)).isEqualTo(8);
        }
    }

    @Test
    void timeoutZeroDropsDataAndHoldsTheConnectionUntilRemoved() throws IOException {
        link.toxics().timeout("hole", ToxicDirection.DOWNSTREAM, 0);
        try (TcpConnection c = connect()) {
            c.readTimeout(Duration.ofSeconds(30));
            c.output().write('x');
            long t0 = env.nanoTime();
            assertThatThrownBy(() -> c.input().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(millis(t0)).isEqualTo(30_000);
            link.toxics().get("hole").remove();
            // Toxiproxy closes a connection whose timeout toxic is removed: the data it dropped left a gap.
            c.readTimeout(Duration.ofSeconds(1));
            assertThat(c.input().read()).isEqualTo(-1);
        }
    }

    @Test
    void timeoutClosesAQuietConnectionAfterItsValue() throws IOException {
        link.toxics().timeout("closer", ToxicDirection.DOWNSTREAM, 400);
        try (TcpConnection c = connect()) {
            long t0 = env.nanoTime();
            assertThat(c.input().read()).isEqualTo(-1);
            assertThat(millis(t0)).isEqualTo(400);
        }
    }

    @Test
    void resetPeerResetsOnTheFirstDataAfterItsTimeout() throws IOException {
        link.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 250);
        try (TcpConnection c = connect()) {
            c.output().write('x');
            long t0 = env.nanoTime();
            assertThatThrownBy(() -> c.input().read()).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            assertThat(millis(t0)).isEqualTo(250);
        }
    }

    @Test
    void limitDataPassesExactlyItsBytesThenCloses() throws IOException {
        link.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 10);
        try (TcpConnection c = connect()) {
            c.output().write(new byte[25]);
            assertThat(c.input().readAllBytes()).hasSize(10);
        }
    }

    @Test
    void slowCloseHoldsTheEndOfTheStream() throws IOException {
        link.toxics().slowClose("late", ToxicDirection.DOWNSTREAM, 300);
        try (TcpConnection c = connect()) {
            c.output().write('x');
            assertThat(c.input().read()).isEqualTo('x');
            long t0 = env.nanoTime();
            c.shutdownOutput();
            assertThat(c.input().read()).isEqualTo(-1);
            assertThat(millis(t0)).isEqualTo(300);
        }
    }

    @Test
    void aDisabledProxyCutsItsConnectionsAndRefusesNewOnes() throws IOException {
        try (TcpConnection c = connect()) {
            assertThat(roundTripMillis(c)).isZero();
            link.proxy().disable();
            assertThat(c.input().read()).isEqualTo(-1);
            assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
            link.proxy().enable();
            try (TcpConnection again = connect()) {
                assertThat(roundTripMillis(again)).isZero();
            }
        }
    }

    @Test
    void aToxicWithToxicityZeroNeverActs() throws IOException {
        link.toxics().latency("never", ToxicDirection.DOWNSTREAM, 500).setToxicity(0f);
        try (TcpConnection c = connect()) {
            assertThat(roundTripMillis(c)).isZero();
        }
    }

    @Test
    void removingALatencyReleasesWhatIsWaiting() throws IOException {
        link.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 10_000);
        try (TcpConnection c = connect()) {
            long t0 = env.nanoTime();
            c.output().write('x');
            env.startThread("remover", () -> {
                try {
                    env.sleep(Duration.ofMillis(300));
                    link.toxics().get("slow").remove();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(c.input().read()).isEqualTo('x');
            assertThat(millis(t0)).isEqualTo(300);
        }
    }

    @Test
    void sixteenMebibytesPassIntactWhileALatencyComesAndGoes() throws IOException {
        try (TcpConnection c = connect()) {
            byte[] data = new byte[16 << 20];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            link.toxics().latency("wobble", ToxicDirection.DOWNSTREAM, 50);
            env.startThread("writer", () -> {
                try {
                    for (int at = 0; at < data.length; at += 1 << 20) {
                        c.output().write(data, at, 1 << 20);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            link.toxics().get("wobble").remove();
            InputStream in = c.input();
            byte[] got = in.readNBytes(data.length);
            assertThat(Arrays.equals(got, data)).as("every byte, in order").isTrue();
        }
    }
}
