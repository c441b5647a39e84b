package wslab.grader;

/** How binding a requirement is, in RFC 2119 terms; decides how a violation is scored. */
public enum Level {
    /** A violation fails the check. */
    MUST,
    /** A violation gives NON-STRICT: a pass, unless the grade runs with {@code --strict}. */
    SHOULD,
    /** Never fails; records what the server did. */
    INFO
}
