package wslab.grader;

import java.time.Instant;
import java.util.List;

import wslab.api.Lesson;

/** A graded run of one lesson against one target. */
public record Scorecard(Lesson lesson, String target, long seed, boolean strict, Instant started, long millis,
                        List<CheckResult> results) {

    public Scorecard {
        results = List.copyOf(results);
    }

    public int earned() {
        return results.stream().filter(CheckResult::earns).mapToInt(CheckResult::points).sum();
    }

    public int possible() {
        return results.stream().mapToInt(CheckResult::points).sum();
    }

    /** Score in whole percent, rounded down so 99.9% never shows as a pass of 100. */
    public int percent() {
        // Only INFORMATIONAL checks selected: nothing could be lost.
        return possible() == 0 ? 100 : (int) Math.floor(100.0 * earned() / possible());
    }

    public boolean passed() {
        return !results.isEmpty() && percent() >= lesson.passMark();
    }

    public List<CheckResult> failures() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAILED).toList();
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }
}
