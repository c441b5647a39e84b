package wslab.api;

import java.nio.file.Path;

/**
 * A server that keeps its state in a directory and must find it there after a crash (lesson 14).
 * The grader gives it a data directory, kills it (SIGKILL, or a simulated process kill on
 * virtual time) and starts it again on the same directory and port.
 */
public interface DurableLabImplementation extends LabImplementation {

    /** A new, unstarted server that keeps its state in {@code dataDirectory} (created if missing). */
    LabServer newServer(LabEnvironment env, Path dataDirectory);
}
