package wslab.grader;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How to grade: the seed for everything random, strictness, the per-operation timeout and
 * where the reports go.
 */
public record GradeOptions(long seed, boolean strict, int timeoutMillis, Path reportDir, List<String> only) {

    public GradeOptions {
        only = List.copyOf(only);
    }

    public static final Path DEFAULT_REPORT_DIR = Path.of("target", "wslab");

    /** A fresh random seed (printed in every report so the run can be replayed), not strict. */
    public static GradeOptions defaults() {
        return new GradeOptions(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L), false, 5000, DEFAULT_REPORT_DIR,
                List.of());
    }

    public GradeOptions withSeed(long seed) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only);
    }

    public GradeOptions withStrict(boolean strict) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only);
    }

    public GradeOptions withReportDir(Path reportDir) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only);
    }

    /** How long the suite waits for the server at each step. */
    public GradeOptions withTimeoutMillis(int timeoutMillis) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only);
    }

    /** Runs only the checks whose id is one of {@code ids} or starts with one followed by '/' or '.'. */
    public GradeOptions withOnly(List<String> ids) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, ids);
    }

    /** Whether {@code id} is selected by {@link #only()}: {@code rfc6455/5.2} selects {@code rfc6455/5.2/7}. */
    public static boolean selects(List<String> only, String id) {
        return only.isEmpty() || only.stream().anyMatch(o -> id.equals(o) || id.startsWith(o + "/") || id.startsWith(o + "."));
    }
}
