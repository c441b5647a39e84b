package wslab.grader;

/** A SHOULD-level requirement was not met; failing only under {@code --strict}. */
public final class NonStrictViolation extends CheckFailed {

    public NonStrictViolation(String expected, String actual) {
        super(expected, actual);
    }
}
