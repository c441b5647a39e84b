package wslab.grader.targets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.grader.RestartableServer;
import wslab.grader.Stage;
import wslab.grader.Target;
import wslab.sim.SimProcess;

/**
 * A Java server the grader can kill and start again on the same data directory and port (lesson
 * 14). On virtual time it runs in a simulated process ({@link SimProcess}): a kill stops its
 * threads where they stand and closes its sockets, and its files stay as they were written. On
 * the real clock it runs in a child JVM ({@link ServeImplementation}) that a kill ends with
 * SIGKILL; only a published implementation, one a child JVM can find by name, can run there.
 */
public final class RestartableJavaTarget implements Target {

    private final String description;
    private final String path;
    private final BiFunction<LabEnvironment, Path, LabServer> factory;
    /** The lesson id and implementation name a child JVM starts, or null for a server built here (a mutant). */
    private final String[] published;

    RestartableJavaTarget(String description, String path, BiFunction<LabEnvironment, Path, LabServer> factory,
                          String lessonId, String implementation) {
        this.description = description;
        this.path = path;
        this.factory = factory;
        this.published = implementation == null ? null : new String[] {lessonId, implementation};
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
        return Optional.empty();
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) throws IOException {
        Path data = Files.createTempDirectory("wslab-" + lesson.folder() + "-");
        if (!stage.virtual()) {
            if (published == null) {
                throw new IllegalStateException(description + " is built inside the grader, so it cannot be killed with SIGKILL;"
                        + " on the real clock, grade a published implementation (--impl <name>)");
            }
            ServerCommandTargetKind.ServerProcess child = new ServerCommandTargetKind.ServerProcess(
                    (port, dir) -> ServeImplementation.command(published[0], published[1], port, dir),
                    ServerCommandTargetKind.freePort(), data, log);
            return ServerCommandTargetKind.session(child, lesson.scheme(), path);
        }
        Simulated server = new Simulated(stage, data, new Random(seed), log);
        server.start();
        URI url = ServerSession.loopback(lesson.scheme(), server.port, path);
        log.accept("server under test: " + description + " at " + url + " in a simulated process, data in " + data);
        return new ServerSession(url, Optional.of(server), Optional.empty(), Optional::empty, () -> {
            server.closeLast();
            deleteTree(data);
        });
    }

    /** The server in a simulated process; each start is a new process on the same port and directory. */
    private final class Simulated implements RestartableServer {
        private final Stage stage;
        private final Path data;
        private final Random seeds;
        private final Consumer<String> log;
        private final List<SimProcess> processes = new ArrayList<>();
        private SimProcess process;
        private LabServer server;
        int port;

        Simulated(Stage stage, Path data, Random seeds, Consumer<String> log) {
            this.stage = stage;
            this.data = data;
            this.seeds = seeds;
            this.log = log;
        }

        @Override
        public synchronized void kill() {
            if (process != null && !process.isKilled()) {
                process.kill();
                log.accept("server: killed (a simulated SIGKILL: its threads stop where they are, its sockets are closed as the"
                        + " kernel would, its files stay as written)");
            }
        }

        @Override
        public synchronized void start() throws IOException {
            if (isRunning()) {
                throw new IllegalStateException("the server is running; kill it first");
            }
            process = stage.process(seeds.nextLong()).orElseThrow(() -> new IllegalStateException("this stage has no processes"));
            processes.add(process);
            server = factory.apply(process.environment(), data);
            port = server.start(port);
            log.accept("server: started (process #" + processes.size() + ") on port " + port);
        }

        @Override
        public Path dataDirectory() {
            return data;
        }

        @Override
        public synchronized boolean isRunning() {
            return process != null && !process.isKilled();
        }

        /** The check is over: the running server closes as usual (the killed ones never do). */
        synchronized void closeLast() {
            if (isRunning()) {
                server.close();
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory: the system cleans it eventually.
        }
    }
}
