package wslab.grader;

import java.util.List;

/**
 * One check's outcome with everything the reports show about it.
 *
 * @param expected empty unless the check failed or was NON-STRICT
 * @param actual   what the server did instead
 */
public record CheckResult(String id, String title, String spec, int points, Level level, List<String> faults,
                          Verdict verdict, String expected, String actual, String transcript,
                          List<String> toxics, long millis) {

    public CheckResult {
        faults = List.copyOf(faults);
        toxics = List.copyOf(toxics);
    }

    static CheckResult of(CheckInfo c, Verdict verdict, String expected, String actual, String transcript,
                          List<String> toxics, long millis) {
        return new CheckResult(c.id(), c.title(), c.spec(), c.points(), c.level(), c.faults(), verdict, expected, actual,
                transcript, toxics, millis);
    }

    /** Whether it earns its points: OK, INFORMATIONAL and (unless strict) NON-STRICT. */
    public boolean earns() {
        return verdict != Verdict.FAILED;
    }

    /** Orders {@code 01.2} before {@code 01.10}: numerically, part by part. */
    public static int compareIds(String a, String b) {
        String[] pa = a.split("[./]");
        String[] pb = b.split("[./]");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c;
            if (pa[i].matches("\\d+") && pb[i].matches("\\d+")) {
                c = Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]));
            } else {
                c = pa[i].compareTo(pb[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }
}
