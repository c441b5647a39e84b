package wslab.api;

/**
 * A named client-side implementation of a lesson (its starter, its reference, a browser page),
 * listed in the lesson's {@code lesson.properties} like {@link LabImplementation}.
 */
public interface LabClientImplementation {

    /** The lesson id, two digits: {@code "04"}. */
    String lesson();

    /** {@code starter}, {@code reference}, {@code browser-reference}, ... */
    String name();

    /** A new, unstarted client; its jitter draws from {@code env.random()}, seeded by the grader. */
    LabClient newClient(LabEnvironment env);
}
