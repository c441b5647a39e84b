package wslab.api;

import java.io.IOException;

/**
 * A server-side solution to one lesson. The grader starts it on a loopback port, talks to it
 * only over the wire, and closes it when grading ends.
 */
public interface LabServer extends AutoCloseable {

    /**
     * Binds to 127.0.0.1 and starts serving.
     *
     * @param port the port to bind, or 0 for any free port
     * @return the port actually bound
     */
    int start(int port) throws IOException;

    /** Stops accepting, closes open connections and releases the port. Never throws. */
    @Override
    void close();
}
