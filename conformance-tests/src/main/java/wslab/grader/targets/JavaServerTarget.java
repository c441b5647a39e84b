package wslab.grader.targets;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.grader.ServerLog;
import wslab.grader.Stage;
import wslab.grader.Target;

/**
 * A Java server started in this process, a fresh one for each check, in the check's stage: on
 * virtual time in a simulation, or on a free loopback port. Each check gets a server of its own,
 * so one check's damage never reaches the next.
 */
public final class JavaServerTarget implements Target {

    private final String description;
    private final String path;
    private final Function<LabEnvironment, LabServer> factory;
    private final String realTimeReason;

    /**
     * @param realTimeReason why it cannot run on virtual time ({@link wslab.api.RealTime}), or null if it can
     */
    public JavaServerTarget(String description, String path, Function<LabEnvironment, LabServer> factory,
                            String realTimeReason) {
        this.description = description;
        this.path = path;
        this.factory = factory;
        this.realTimeReason = realTimeReason;
    }

    /** How each check's server is built. */
    Function<LabEnvironment, LabServer> factory() {
        return factory;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Lesson.Kind kind() {
        return Lesson.Kind.SERVER;
    }

    @Override
    public Optional<String> realTimeOnly() {
        return Optional.ofNullable(realTimeReason);
    }

    @Override
    public boolean showsServerLog() {
        return true;
    }

    @Override
    public Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) throws IOException {
        LabServer server = factory.apply(stage.environment(seed));
        ServerLog serverLog = new ServerLog(line -> log.accept("server: " + line));
        server.logTo(serverLog::add);
        int port;
        try {
            port = server.start(0);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        URI url = ServerSession.loopback(lesson.scheme(), port, path);
        log.accept("server under test: " + description + " at " + url);
        return new ServerSession(url, Optional.empty(), Optional.of(serverLog), Optional::empty, server::close);
    }
}
