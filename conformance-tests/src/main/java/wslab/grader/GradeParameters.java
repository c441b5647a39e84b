package wslab.grader;

/** The JUnit configuration parameters through which the grader tells checks what to grade. */
public final class GradeParameters {

    /** The id of the {@link GradeRun}: the lesson, the target and the options. */
    public static final String RUN = "wslab.run";
    /** Comma-separated ids or id prefixes to run; empty runs everything. */
    public static final String ONLY = "wslab.only";
    /** The reason a check that was not selected is skipped with; the grader leaves those out. */
    public static final String NOT_SELECTED = "not selected by --only";

    /** Report entry keys a check publishes as evidence. */
    public static final String EVIDENCE_TRANSCRIPT = "wslab.transcript";
    public static final String EVIDENCE_TOXICS = "wslab.toxics";
    public static final String EVIDENCE_NON_STRICT = "wslab.non-strict";
    public static final String EVIDENCE_INFO = "wslab.info";
    /** Published as a check's body begins: a check that fails without it never ran. */
    public static final String EVIDENCE_STARTED = "wslab.started";

    private GradeParameters() {
    }
}
