package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

class SimProcessTest {

    @Test
    void aKilledProcessRunsNoMoreCodeItsConnectionsEndAndItsPortIsFreeAgain() throws Exception {
        try (Simulation sim = new Simulation(3)) {
            LabEnvironment grader = sim.environment(1);
            SimProcess server = sim.process(2);
            LabEnvironment env = server.environment();
            AtomicInteger afterKill = new AtomicInteger();
            AtomicInteger ticks = new AtomicInteger();
            TcpListener listener = env.listen(0);
            int port = listener.port();
            env.startThread("server-accept", () -> {
                try {
                    TcpConnection c = listener.accept();
                    try {
                        while (c.input().read() >= 0) {
                            ticks.incrementAndGet();
                        }
                    } finally {
                        afterKill.incrementAndGet();
                    }
                } catch (IOException e) {
                    afterKill.incrementAndGet();
                }
            });
            EventLoop timers = env.newLoop("server-timers");
            timers.every(Duration.ofMillis(10), ticks::incrementAndGet);
            TcpConnection client = grader.connect("127.0.0.1", port, Duration.ofSeconds(1));
            client.output().write(1);
            grader.sleep(Duration.ofMillis(55));
            int before = ticks.get();
            assertThat(before).isGreaterThan(1);

            server.kill();

            // The kernel's part: the connection ends, the port refuses, then can be bound again.
            assertThat(client.input().read()).isEqualTo(-1);
            assertThatThrownBy(() -> grader.connect("127.0.0.1", port, Duration.ofSeconds(1))).isInstanceOf(ConnectException.class);
            grader.sleep(Duration.ofSeconds(1));
            assertThat(ticks.get()).as("no timer of the killed process fires").isEqualTo(before);
            assertThat(afterKill.get()).as("no finally of the killed process runs").isZero();
            SimProcess again = sim.process(4);
            TcpListener second = again.environment().listen(port);
            assertThat(second.port()).isEqualTo(port);
            assertThatThrownBy(() -> env.startThread("late", () -> { })).isInstanceOf(IllegalStateException.class);
        }
    }
}
