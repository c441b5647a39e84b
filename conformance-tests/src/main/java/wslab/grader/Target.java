package wslab.grader;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

import wslab.api.LabClient;
import wslab.api.Lesson;

/**
 * What a grade runs against: a server at a URL, an in-process Java implementation, a program in
 * any language, a browser page, a server the grader starts and kills. One kind of target is one
 * class behind this interface, made by a {@link TargetKind}; checks ask the {@link Session} for the
 * capability they need, and a target that lacks it says so in one line.
 */
public interface Target {

    /** For the scorecard: {@code ws://127.0.0.1:9001/handshake}, {@code reference (Java, in process)}. */
    String description();

    /** What it is: a server the suite connects to, or a client that connects to the suite. */
    Lesson.Kind kind();

    /**
     * Why it cannot run on virtual time, or empty if it can: only in-process Java that takes its
     * time, threads and sockets from the environment it is given.
     */
    default Optional<String> realTimeOnly() {
        return Optional.of("it is not an in-process Java implementation");
    }

    /** Whether every check's session offers {@link Session#serverLog()}: a server the grader started and hears. */
    default boolean showsServerLog() {
        return false;
    }

    /** Whether every check meets the same server, one the grader did not start (a URL), rather than one of its own. */
    default boolean sharedByChecks() {
        return false;
    }

    /** Whether every check's session offers {@link Session#restartable()}: a server the grader can kill and start again. */
    default boolean canRestart() {
        return false;
    }

    /** Looks before any check runs (a server that answers, a program that exists); empty if fine, else one line. */
    default Optional<String> probe(Lesson lesson) {
        return Optional.empty();
    }

    /**
     * Opens the target for one check, in the check's stage.
     *
     * @param log lines for the check's transcript (a program's output, a server's log)
     */
    Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) throws IOException;

    /** The target as one check sees it. */
    interface Session extends AutoCloseable {

        /** The server under test; for {@link Lesson.Kind#SERVER} targets. */
        default URI serverUrl() {
            throw new UnsupportedOperationException("this target is a client, not a server with a URL");
        }

        /** A new, unstarted client under test; for {@link Lesson.Kind#CLIENT} targets. */
        default LabClient newClient() {
            throw new UnsupportedOperationException("this target is a server, not a client the suite can start");
        }

        /** The server as a process the grader can kill and start again, if it is one. */
        default Optional<RestartableServer> restartable() {
            return Optional.empty();
        }

        /** What the server wrote to its log, if the grader started it (not a server at a URL). */
        default Optional<ServerLog> serverLog() {
            return Optional.empty();
        }

        /** Why the target has gone (a program that exited), if it has: checks stop waiting and say so. */
        default Optional<String> gone() {
            return Optional.empty();
        }

        @Override
        default void close() {
        }
    }
}
