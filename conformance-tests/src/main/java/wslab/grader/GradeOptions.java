package wslab.grader;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How to grade: the seed for everything random, strictness, the per-operation timeout, where the
 * reports go, which checks, whether on virtual time, and how many checks at once.
 *
 * @param virtualTime run each check in a simulation (in-process Java targets only): exact timings, no slack
 * @param jobs        how many checks run at once; each has its own connections, links and (on virtual time) world
 * @param trust       PEM files whose certificates the suite trusts for a {@code wss://} target, besides the one a
 *                    server it started printed in its log
 */
public record GradeOptions(long seed, boolean strict, int timeoutMillis, Path reportDir, List<String> only,
                           boolean virtualTime, int jobs, List<Path> trust) {

    public GradeOptions {
        only = List.copyOf(only);
        trust = List.copyOf(trust);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }

    public static final Path DEFAULT_REPORT_DIR = Path.of("target", "wslab");

    /** A fresh random seed (printed in every report so the run can be replayed), not strict, real time, one at a time. */
    public static GradeOptions defaults() {
        return new GradeOptions(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L), false, 5000, DEFAULT_REPORT_DIR,
                List.of(), false, 1, List.of());
    }

    public GradeOptions withSeed(long seed) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only, virtualTime, jobs, trust);
    }

    public GradeOptions withStrict(boolean strict) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only, virtualTime, jobs, trust);
    }

    public GradeOptions withReportDir(Path reportDir) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only, virtualTime, jobs, trust);
    }

    /** How long the suite waits for the server at each step. */
    public GradeOptions withTimeoutMillis(int timeoutMillis) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only, virtualTime, jobs, trust);
    }

    /** Runs only the checks whose id is one of {@code ids} or starts with one followed by '/' or '.'. */
    public GradeOptions withOnly(List<String> ids) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, ids, virtualTime, jobs, trust);
    }

    public GradeOptions withVirtualTime(boolean virtual) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only, virtual, jobs, trust);
    }

    public GradeOptions withJobs(int jobs) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only, virtualTime, jobs, trust);
    }

    /** Trusts the certificates in these PEM files for {@code wss://} ({@code --trust}). */
    public GradeOptions withTrust(List<Path> pemFiles) {
        return new GradeOptions(seed, strict, timeoutMillis, reportDir, only, virtualTime, jobs, pemFiles);
    }

    /** Whether {@code id} is selected by {@link #only()}: {@code rfc6455/5.2} selects {@code rfc6455/5.2/7}. */
    public static boolean selects(List<String> only, String id) {
        return only.isEmpty() || only.stream().anyMatch(o -> id.equals(o) || id.startsWith(o + "/") || id.startsWith(o + "."));
    }
}
