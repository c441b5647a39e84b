package wslab.faults.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The benchmark runs end to end and reports ratios; a small run, since timing is not the point here. */
class ProxyBenchTest {

    @Test
    void reportsThroughputAndRoundTripRatios() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ProxyBench.run(new PrintStream(printed, true, StandardCharsets.UTF_8), 8L * 1024 * 1024, 500);
        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).containsPattern("throughput: proxy/direct = \\d+\\.\\d\\d")
                .containsPattern("p50 RTT: direct [\\d.]+ µs, proxy [\\d.]+ µs, proxy/direct = [\\d.]+x")
                .containsPattern("p99 RTT: .* proxy/direct = [\\d.]+x");
    }
}
