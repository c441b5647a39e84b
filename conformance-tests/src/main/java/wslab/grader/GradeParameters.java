package wslab.grader;

/** The JUnit configuration parameters through which the grader tells checks what to grade. */
public final class GradeParameters {

    public static final String TARGET = "wslab.target";
    /** For client-side lessons, instead of a target: the {@link ClientTarget#spec()} of the client graded. */
    public static final String CLIENT = "wslab.client";
    /** How the scorecard names that client. */
    public static final String CLIENT_DESCRIPTION = "wslab.client.description";
    public static final String SEED = "wslab.seed";
    public static final String STRICT = "wslab.strict";
    public static final String TIMEOUT_MILLIS = "wslab.timeout-ms";
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
