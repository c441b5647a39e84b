package wslab.grader;

/** The outcome of one check, in Autobahn|Testsuite's terms. */
public enum Verdict {
    OK("✔"),
    /** A SHOULD was not met: passes unless strict. */
    NON_STRICT("~"),
    FAILED("✘"),
    /** Recorded behaviour with no requirement behind it. */
    INFORMATIONAL("i");

    private final String mark;

    Verdict(String mark) {
        this.mark = mark;
    }

    public String mark() {
        return mark;
    }

    public String label() {
        return name().replace('_', '-');
    }
}
