package wslab.reference.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer can fail: a parser that crashes, loops or allocates without bound is caught, and its input kept. */
class FuzzerTest {

    /** A parser with three planted bugs, each on a byte the mutations produce often. */
    static final class Broken implements ParserTarget {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public List<byte[]> seeds() {
            return List.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }

        @Override
        public void parse(byte[] input) throws Exception {
            for (byte b : input) {
                if (b == 0x7E) {
                    throw new IllegalStateException("an index out of range, say");
                }
                if (b == 0x7F) {
                    byte[] announced = new byte[32 * 1024 * 1024];
                    announced[0] = b;
                }
                if (b == (byte) 0xFF) {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                    throw new IOException("interrupted");
                }
            }
            if (input.length == 0) {
                throw new IOException("empty: a declared refusal");
            }
        }

        @Override
        public boolean declares(Throwable t) {
            return t instanceof IOException;
        }

        @Override
        public long allocationLimit(byte[] input) {
            return 1024 * 1024;
        }
    }

    @Test
    void findsCrashesHangsAndOverAllocationsAndKeepsTheirInputs(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        Fuzzer.Report report = Fuzzer.run(new Broken(), Duration.ofSeconds(30), 300, 1, dir, lines::add, Duration.ofMillis(100));
        assertThat(report.inputs()).isEqualTo(300);
        assertThat(report.crashes()).isPositive();
        assertThat(report.hangs()).isPositive();
        assertThat(lines).anyMatch(l -> l.contains("over allocation")).anyMatch(l -> l.contains("crash"));
        assertThat(report.findings()).hasSize(report.crashes() + report.hangs()).allMatch(Files::exists);
        assertThat(report.summary()).isEqualTo("inputs 300, crashes " + report.crashes() + ", hangs " + report.hangs());
    }

    @Test
    void aFrameReaderThatTrustsTheHeaderIsCaughtAllocatingWhatItAnnounces() {
        ParserTarget.Frames reference = new ParserTarget.Frames();
        ParserTarget trusting = new ParserTarget() {
            @Override
            public String name() {
                return "frames-without-a-limit";
            }

            @Override
            public List<byte[]> seeds() {
                return reference.seeds();
            }

            @Override
            public void parse(byte[] input) throws Exception {
                wslab.reference.frames.FrameReader reader = new wslab.reference.frames.FrameReader(
                        new java.io.ByteArrayInputStream(input), Long.MAX_VALUE) {
                };
                while (reader.next().isPresent()) {
                    // As the reference target does.
                }
            }

            @Override
            public boolean declares(Throwable t) {
                return reference.declares(t);
            }

            @Override
            public long allocationLimit(byte[] input) {
                return reference.allocationLimit(input);
            }
        };
        // A masked text frame that announces 64 MiB and brings four bytes of it.
        byte[] announced = {(byte) 0x81, (byte) 0xFF, 0, 0, 0, 0, 0x04, 0, 0, 0, 1, 2, 3, 4, 'a', 'b', 'c', 'd'};
        try (FuzzRunner runner = new FuzzRunner(Duration.ofSeconds(5))) {
            assertThat(runner.run(reference, announced).kind()).isEqualTo(FuzzRunner.Kind.REFUSED);
            assertThat(runner.run(trusting, announced).kind()).isEqualTo(FuzzRunner.Kind.OVER_ALLOCATION);
        }
    }

    @Test
    void theReferenceParsersPassAShortRun(@TempDir Path dir) throws IOException {
        for (ParserTarget target : ParserTarget.REFERENCE) {
            Fuzzer.Report report = Fuzzer.run(target, Duration.ofSeconds(10), 500, 9, dir, line -> { });
            assertThat(report.crashes() + report.hangs()).as(target.name() + ": " + report.summary()).isZero();
        }
    }
}
