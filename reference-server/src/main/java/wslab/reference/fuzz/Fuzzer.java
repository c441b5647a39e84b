package wslab.reference.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Feeds a parser random and mutated inputs for a while ({@code ./wslab fuzz}): every input must
 * be accepted or refused with the parser's declared exception, within a deadline, within the
 * parser's allocation limit. An input that does otherwise is written to a file, to be replayed.
 */
public final class Fuzzer {

    /** How long one input may take before it counts as a hang. */
    public static final Duration HANG_AFTER = Duration.ofSeconds(2);

    /** What a run found. Over-allocations count as crashes. */
    public record Report(String parser, long inputs, int crashes, int hangs, List<Path> findings) {
        public String summary() {
            return "inputs " + inputs + ", crashes " + crashes + ", hangs " + hangs;
        }
    }

    private Fuzzer() {
    }

    /**
     * Runs {@code target} until {@code duration} has passed or {@code maxInputs} inputs were tried.
     *
     * @param findings where a failing input goes, as {@code <parser>-<kind>-<n>.bin}
     * @param progress lines for the user: each finding, with its file
     */
    public static Report run(ParserTarget target, Duration duration, long maxInputs, long seed, Path findings,
                             Consumer<String> progress) throws IOException {
        return run(target, duration, maxInputs, seed, findings, progress, HANG_AFTER);
    }

    /** As above, with {@code hangAfter} as the deadline of one input. */
    public static Report run(ParserTarget target, Duration duration, long maxInputs, long seed, Path findings,
                             Consumer<String> progress, Duration hangAfter) throws IOException {
        Random random = new Random(seed);
        List<byte[]> seeds = target.seeds();
        List<Path> written = new ArrayList<>();
        long inputs = 0;
        int crashes = 0;
        int hangs = 0;
        long end = System.nanoTime() + duration.toNanos();
        try (FuzzRunner runner = new FuzzRunner(hangAfter)) {
            // The seeds first, to run each path once before any allocation is judged.
            for (byte[] s : seeds) {
                runner.run(target, s);
            }
            while (inputs < maxInputs && System.nanoTime() < end) {
                byte[] input = Inputs.next(seeds, random);
                inputs++;
                FuzzRunner.Result result = runner.run(target, input);
                if (result.fine()) {
                    continue;
                }
                if (result.kind() == FuzzRunner.Kind.HANG) {
                    hangs++;
                } else {
                    crashes++;
                }
                Files.createDirectories(findings);
                Path file = findings.resolve(target.name() + "-" + result.kind().name().toLowerCase().replace('_', '-') + "-"
                        + (crashes + hangs) + ".bin");
                Files.write(file, input);
                written.add(file);
                progress.accept(target.name() + ": " + result.kind().name().toLowerCase().replace('_', ' ') + " (" + result.detail()
                        + "); the input is in " + file);
            }
        }
        return new Report(target.name(), inputs, crashes, hangs, List.copyOf(written));
    }
}
