package wslab.grader;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How to grade: the seed for everything random, strictness, the per-operation timeout and
 * where the reports go.
 */
public record GradeOptions(long seed, boolean strict, int timeoutMillis, Path reportDir) {

    public static final Path DEFAULT_REPORT_DIR = Path.of("target", "wslab");

    /** A fresh random seed (printed in every report so the run can be replayed), not strict. */
    public static GradeOptions defaults() {
        return new GradeOptions(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L), false, 5000, DEFAULT_REPORT_DIR);
    }

    public GradeOptions withSeed(long seed) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir);
    }

    public GradeOptions withStrict(boolean strict) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir);
    }

    public GradeOptions withReportDir(Path reportDir) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir);
    }
}
