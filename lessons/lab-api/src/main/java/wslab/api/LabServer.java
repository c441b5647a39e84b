package wslab.api;

import java.io.IOException;
import java.util.function.Consumer;

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

    /**
     * Where the server writes its log, one line at a time: who connected, what was refused, the
     * certificate a TLS server made at start (PEM). Called before {@link #start}. The grader
     * reads the log of a server it starts (lesson 09: no token may appear in it), and
     * {@code ./wslab serve} prints it. The default writes nothing.
     */
    default void logTo(Consumer<String> log) {
    }

    /** Stops accepting, closes open connections and releases the port. Never throws. */
    @Override
    void close();
}
