package wslab.grader;

/** Hears about a grade as it runs, for progress output. */
public interface GradeListener {

    GradeListener SILENT = new GradeListener() { };

    default void gradeStarted(String lessonId, String target, int checks, long seed) {
    }

    default void checkFinished(CheckResult result, int done, int total) {
    }
}
