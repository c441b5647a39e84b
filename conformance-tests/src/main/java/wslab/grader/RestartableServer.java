package wslab.grader;

import java.io.IOException;
import java.nio.file.Path;

/** A server under test that the grader started as a process: it can be killed (SIGKILL) and started again on the same data. */
public interface RestartableServer {

    /** Kills the process at once, as a crash or {@code kill -9} would: no shutdown hooks, no flush. */
    void kill();

    /** Starts it again on the same port and data directory, and waits until it accepts connections. */
    void start() throws IOException;

    Path dataDirectory();

    boolean isRunning();
}
