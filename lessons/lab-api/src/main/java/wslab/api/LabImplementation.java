package wslab.api;

/**
 * A named server-side implementation of a lesson (its starter, its reference, a third-party
 * server). A lesson's {@code lesson.properties} lists the classes that publish its
 * implementations ({@code implementations=}); the grader and the portal find them there.
 */
public interface LabImplementation {

    /** The lesson id, two digits: {@code "01"}. */
    String lesson();

    /** {@code starter}, {@code reference}, or another short name such as {@code jetty}. */
    String name();

    /** The endpoint path the server answers WebSocket upgrades on, e.g. {@code /handshake}. */
    String path();

    /** A new, unstarted server that takes its time, threads and sockets from {@code env}. */
    LabServer newServer(LabEnvironment env);
}
