package wslab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wslab.reference.fuzz.Fuzzer;
import wslab.reference.fuzz.ParserTarget;

@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the reference's parsers with random and mutated inputs: each must accept or refuse every input, "
                + "within a deadline and an allocation limit. The last line counts inputs, crashes and hangs; a failing input "
                + "is written to target/wslab/fuzz/. Exit code 0 when nothing was found, 1 otherwise.",
        footer = {"", "Examples:",
                "  ./wslab fuzz                          each parser for 10 s",
                "  ./wslab fuzz --seconds 60 --parser frames"})
final class FuzzCommand implements Callable<Integer> {

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "How long each parser is fuzzed (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--parser", paramLabel = "frames|handshake|messages",
            description = "One parser: lesson 02's frame reader, lesson 01's handshake, or lesson 09's messages (default: all three).")
    String parser;

    @Option(names = "--seed", description = "Seed for the inputs, to replay a run (printed).")
    Long seed;

    @Override
    public Integer call() throws Exception {
        return run(Main.OUT, seconds, parser, seed);
    }

    /** The run, printing to {@code out}; its last line is always the count. */
    static int run(java.io.PrintStream out, int seconds, String parser, Long seed) throws java.io.IOException {
        if (seconds < 1 || seconds > 86_400) {
            throw usage("--seconds must be between 1 and 86400, not " + seconds);
        }
        List<ParserTarget> targets = parser == null ? ParserTarget.REFERENCE
                : List.of(ParserTarget.named(parser).orElseThrow(() -> usage("--parser is frames, handshake or messages, not '" + parser + "'")));
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        Path findings = Main.home().resolve("target/wslab/fuzz");
        long inputs = 0;
        int crashes = 0;
        int hangs = 0;
        for (ParserTarget target : targets) {
            out.println("fuzzing " + target.name() + " for " + seconds + " s (seed " + s + ")");
            Fuzzer.Report r = Fuzzer.run(target, Duration.ofSeconds(seconds), Long.MAX_VALUE, s, findings, out::println);
            if (targets.size() > 1) {
                out.println(target.name() + ": " + r.summary());
            }
            inputs += r.inputs();
            crashes += r.crashes();
            hangs += r.hangs();
        }
        out.println("inputs " + inputs + ", crashes " + crashes + ", hangs " + hangs);
        return crashes + hangs == 0 ? 0 : 1;
    }

    /** One line and the hint to --help (Main's handler), as for the other commands' bad values. */
    private static IllegalArgumentException usage(String message) {
        return new IllegalArgumentException(message);
    }
}
