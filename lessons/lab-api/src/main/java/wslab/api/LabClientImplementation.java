package wslab.api;

/**
 * A named client-side implementation of a lesson (its starter, its reference, a browser
 * page), published through {@link java.util.ServiceLoader} like {@link LabImplementation}.
 */
public interface LabClientImplementation {

    /** The lesson id, two digits: {@code "04"}. */
    String lesson();

    /** {@code starter}, {@code reference}, {@code browser-reference}, ... */
    String name();

    /**
     * A new, unstarted client.
     *
     * @param seed for anything random the client does (jitter), so a graded run can be replayed
     */
    LabClient newClient(long seed);
}
