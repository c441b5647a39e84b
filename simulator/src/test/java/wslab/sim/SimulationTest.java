package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

class SimulationTest {

    @Test
    void sleepingMovesTheVirtualClockExactlyAndTakesNoRealTime() throws Exception {
        try (Simulation sim = new Simulation(1)) {
            LabEnvironment env = sim.environment(1);
            long real = System.nanoTime();
            long start = env.nanoTime();
            env.sleep(Duration.ofHours(2));
            assertThat(env.nanoTime() - start).isEqualTo(Duration.ofHours(2).toNanos());
            assertThat(System.nanoTime() - real).isLessThan(TimeUnit.SECONDS.toNanos(2));
        }
    }

    @Test
    void aLoopRunsTimersInDueOrderAtTheirExactTimes() throws Exception {
        try (Simulation sim = new Simulation(2)) {
            LabEnvironment env = sim.environment(2);
            EventLoop loop = env.newLoop("loop");
            long t0 = env.nanoTime();
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            loop.schedule(Duration.ofMillis(300), () -> ran.add("300@" + (env.nanoTime() - t0) / 1_000_000));
            loop.schedule(Duration.ofMillis(100), () -> ran.add("100@" + (env.nanoTime() - t0) / 1_000_000));
            var cancelled = loop.schedule(Duration.ofMillis(200), () -> ran.add("cancelled"));
            cancelled.cancel();
            int[] ticks = {0};
            var every = loop.every(Duration.ofMillis(250), () -> ticks[0]++);
            // At 1000 ms the sleeper's timer, set first, fires before the tick due then: 4 ticks by 1001 ms.
            env.sleep(Duration.ofMillis(1001));
            every.cancel();
            assertThat(ran).containsExactly("100@100", "300@300");
            assertThat(ticks[0]).isEqualTo(4);
            loop.shutdown();
        }
    }

    @Test
    void aSignalWakesItsWaiterOrTimesOutOnTheVirtualClock() throws Exception {
        try (Simulation sim = new Simulation(3)) {
            LabEnvironment env = sim.environment(3);
            Signal signal = env.newSignal();
            boolean[] flag = {false};
            EventLoop loop = env.newLoop("setter");
            loop.schedule(Duration.ofMillis(700), () -> {
                flag[0] = true;
                signal.signalAll();
            });
            long t0 = env.nanoTime();
            assertThat(signal.await(() -> flag[0], Duration.ofMillis(500))).isFalse();
            assertThat(env.nanoTime() - t0).isEqualTo(Duration.ofMillis(500).toNanos());
            assertThat(signal.await(() -> flag[0], Duration.ofSeconds(5))).isTrue();
            assertThat(env.nanoTime() - t0).isEqualTo(Duration.ofMillis(700).toNanos());
        }
    }

    @Test
    void bytesCrossTheSimulatedLoopbackAndEndsAndResetsBehaveAsTcp() throws Exception {
        try (Simulation sim = new Simulation(4)) {
            LabEnvironment env = sim.environment(4);
            TcpListener listener = env.listen(0);
            assertThat(listener.port()).isGreaterThanOrEqualTo(40_000);
            CompletableFuture<String> echoed = new CompletableFuture<>();
            env.startThread("server", () -> {
                try (TcpConnection c = listener.accept()) {
                    byte[] b = new byte[5];
                    int n = c.input().readNBytes(b, 0, 5);
                    c.output().write(b, 0, n);
                    echoed.complete(new String(b, 0, n, StandardCharsets.US_ASCII));
                    assertThat(c.input().read()).isEqualTo(-1);
                } catch (IOException e) {
                    echoed.completeExceptionally(e);
                }
            });
            TcpConnection client = env.connect("localhost", listener.port(), Duration.ofSeconds(1));
            client.output().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.input().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
            client.shutdownOutput();
            assertThat(client.input().read()).as("the server closed after the echo").isEqualTo(-1);
            assertThat(echoed.getNow("not yet")).isEqualTo("hello");
            client.close();

            assertThatThrownBy(() -> env.connect("localhost", 39_999, Duration.ofSeconds(1)))
                    .isInstanceOf(ConnectException.class);

            TcpConnection a = env.connect("localhost", listener.port(), Duration.ofSeconds(1));
            TcpConnection b = listener.accept();
            a.readTimeout(Duration.ofMillis(250));
            long t0 = env.nanoTime();
            assertThatThrownBy(() -> a.input().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(env.nanoTime() - t0).isEqualTo(Duration.ofMillis(250).toNanos());
            a.output().write(1);
            b.close();
            assertThatThrownBy(() -> a.input().read()).as("closing with unread bytes resets the peer")
                    .isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void aRunIsAFunctionOfItsSeed() throws Exception {
        assertThat(interleaving(7)).isEqualTo(interleaving(7));
    }

    private static List<String> interleaving(long seed) throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (Simulation sim = new Simulation(seed)) {
            LabEnvironment env = sim.environment(seed);
            for (int i = 0; i < 4; i++) {
                int id = i;
                env.startThread("worker-" + i, () -> {
                    for (int k = 0; k < 3; k++) {
                        order.add(id + ":" + k);
                        try {
                            env.sleep(Duration.ofMillis(env.random().nextInt(1, 50)));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            env.sleep(Duration.ofSeconds(1));
        }
        return List.copyOf(order);
    }

    @Test
    void whenEveryoneWaitsForEverTheWaiterIsToldWhoWaitsOnWhat() throws Exception {
        Simulation sim = new Simulation(5);
        LabEnvironment env = sim.environment(5);
        TcpListener listener = env.listen(0);
        TcpConnection c = env.connect("localhost", listener.port(), Duration.ofSeconds(1));
        InputStream in = c.input();
        assertThatThrownBy(in::read).isInstanceOf(SimulationOver.class)
                .hasMessageContaining("every simulated thread is waiting").hasMessageContaining("a read from");
        sim.close();
    }

    @Test
    void aThreadBlockedOutsideTheSimulationIsReportedWithWhereItBlocked() throws Exception {
        Simulation sim = new Simulation(6);
        sim.stallAfter(Duration.ofSeconds(1));
        LabEnvironment env = sim.environment(6);
        CompletableFuture<Void> never = new CompletableFuture<>();
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        env.startThread("blocks-on-a-future", () -> {
            try {
                never.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Not reached within the test.
            }
        });
        try {
            env.sleep(Duration.ofSeconds(1));
        } catch (SimulationOver e) {
            seen.complete(e);
        }
        assertThat(seen.getNow(null)).isNotNull().hasMessageContaining("blocks-on-a-future")
                .hasMessageContaining("blocked outside the simulation");
        never.complete(null);
        sim.close();
    }
}
