package wslab.api;

/**
 * A named implementation of a lesson (its starter, its reference, a third-party server),
 * published through {@link java.util.ServiceLoader} so the grader and the portal can find it
 * without depending on the module that holds it.
 */
public interface LabImplementation {

    /** The lesson id, two digits: {@code "01"}. */
    String lesson();

    /** {@code starter}, {@code reference}, or another short name such as {@code jetty}. */
    String name();

    /** The endpoint path the server answers WebSocket upgrades on, e.g. {@code /handshake}. */
    String path();

    /** A new, unstarted server. */
    LabServer newServer();
}
