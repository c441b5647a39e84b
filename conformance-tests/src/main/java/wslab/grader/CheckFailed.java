package wslab.grader;

/**
 * A check's requirement was not met. Carries the expected and the actual behaviour in words a
 * candidate can act on; the scorecard prints both.
 */
public class CheckFailed extends AssertionError {

    private final String expected;
    private final String actual;

    public CheckFailed(String expected, String actual) {
        super("expected " + expected + ", but " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
