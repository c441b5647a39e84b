package wslab.grader;

import java.io.PrintStream;
import java.nio.file.Path;

import wslab.wire.Printable;

/**
 * Prints progress while a grade runs, then the scorecard. What a server sent is {@link Printable}
 * first: a terminal would act on its control bytes (an escape sequence, a carriage return) instead
 * of showing them.
 */
public final class ConsoleScorecard implements GradeListener {

    private final PrintStream out;

    public ConsoleScorecard(PrintStream out) {
        this.out = out;
    }

    @Override
    public void gradeStarted(String lessonId, String target, int checks, long seed) {
        out.printf("Grading lesson %s against %s: %d %s, seed %d%n", lessonId, Printable.escape(target), checks, checks == 1 ? "check" : "checks", seed);
    }

    @Override
    public void checkFinished(CheckResult r, int done, int total) {
        String verdict = r.verdict() == Verdict.OK ? "" : "  " + r.verdict().label();
        out.printf("  [%2d/%d] %s %-6s %s%s%n", done, total, r.verdict().mark(), r.id(), Printable.escape(r.title()), verdict);
    }

    /** The summary: each failure's expected and actual, the score, and where the reports are. */
    public void summary(Scorecard card, Path html, Path xml) {
        boolean any = false;
        for (CheckResult r : card.results()) {
            if (r.verdict() == Verdict.OK || r.actual().isEmpty()) {
                continue;
            }
            if (!any) {
                out.println();
                any = true;
            }
            out.printf("%s %s %s  (%s)%n", r.verdict().mark(), r.id(), Printable.escape(r.title()), r.spec());
            if (!r.expected().isEmpty()) {
                out.println("    expected: " + Printable.escape(r.expected()));
            }
            out.println("    actual:   " + Printable.escape(r.actual()).replace("\n", "\n              "));
            if (!r.toxics().isEmpty()) {
                out.println("    faults:   " + Printable.escape(String.join("; ", r.toxics())));
            }
        }
        out.println();
        out.printf("Score: %d/%d points (%d%%), pass mark %d%%: %s%n", card.earned(), card.possible(), card.percent(),
                card.lesson().passMark(), card.passed() ? "PASS" : "FAIL");
        out.printf("%d OK, %d NON-STRICT, %d FAILED, %d INFORMATIONAL in %.1f s%s%n",
                card.count(Verdict.OK), card.count(Verdict.NON_STRICT), card.count(Verdict.FAILED),
                card.count(Verdict.INFORMATIONAL), card.millis() / 1000.0, card.strict() ? " (strict)" : "");
        out.printf("Report: %s (wire transcripts)  JUnit XML: %s%n", html, xml);
        out.printf("Replay this run with --seed %d%n", card.seed());
    }
}
