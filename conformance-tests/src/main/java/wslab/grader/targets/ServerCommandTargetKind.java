package wslab.grader.targets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.RestartableServer;
import wslab.grader.ServerLog;
import wslab.grader.Stage;
import wslab.grader.Target;
import wslab.grader.TargetKind;

/**
 * {@code --server-cmd "<command> {port} {data-dir}"}: a server in any language that the grader
 * starts for each check, and may kill with SIGKILL and start again on the same port and data
 * directory (the restart-recovery lesson). {@code {port}} is a free loopback port; {@code {data-dir}}
 * an empty directory the server keeps its state in.
 */
public final class ServerCommandTargetKind implements TargetKind {

    public static final String PORT_PLACEHOLDER = "{port}";
    public static final String DATA_DIR_PLACEHOLDER = "{data-dir}";
    /** How long a started server may take before it accepts connections. */
    static final long START_TIMEOUT_MILLIS = 20_000;

    @Override
    public String option() {
        return "--server-cmd";
    }

    @Override
    public String paramLabel() {
        return "\"<command> {port} {data-dir}\"";
    }

    @Override
    public String description() {
        return "Start this server program for each check ({port} and {data-dir} filled in); the grader may kill it "
                + "(SIGKILL) and start it again on the same data.";
    }

    @Override
    public Target parse(String commandLine, Lesson lesson, LessonCatalog catalog) {
        if (lesson.grades() != Lesson.Kind.SERVER) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " grades a client; --server-cmd is for lessons that grade a server");
        }
        if (!commandLine.contains(PORT_PLACEHOLDER)) {
            throw new IllegalArgumentException("--server-cmd needs " + PORT_PLACEHOLDER + " where the port goes, e.g. \"python3 server.py "
                    + PORT_PLACEHOLDER + " " + DATA_DIR_PLACEHOLDER + "\"");
        }
        return of(commandLine);
    }

    public static Target of(String commandLine) {
        return new Target() {
            @Override
            public String description() {
                return "server command: " + commandLine;
            }

            @Override
            public Lesson.Kind kind() {
                return Lesson.Kind.SERVER;
            }

            @Override
            public Optional<String> realTimeOnly() {
                return Optional.of("a program runs on the wall clock and the real network");
            }

            @Override
            public Optional<String> probe(Lesson lesson) {
                return Programs.findProgram(commandLine, "--server-cmd");
            }

            @Override
            public Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) throws IOException {
                if (stage.virtual()) {
                    throw new IllegalStateException("a server command cannot run on virtual time");
                }
                String path = lesson.paths().isEmpty() ? "/" : lesson.paths().get(0);
                ServerProcess server = new ServerProcess(commandLine, freePort(),
                        Files.createTempDirectory("wslab-" + lesson.folder() + "-"), log);
                return session(server, lesson.scheme(), path);
            }

            @Override
            public boolean showsServerLog() {
                return true;
            }

            @Override
            public boolean canRestart() {
                return true;
            }
        };
    }

    /** A check's view of a started server process: its URL, its restarts, its end. */
    static Target.Session session(ServerProcess server, String scheme, String path) throws IOException {
        server.start();
        return new ServerSession(ServerSession.loopback(scheme, server.port, path), Optional.of(server),
                Optional.of(server.serverLog), server::gone, () -> {
                    server.kill();
                    server.deleteData();
                });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One server program: started, killed and started again on the same port and data directory. */
    static final class ServerProcess implements RestartableServer {
        private final java.util.function.BiFunction<Integer, Path, List<String>> argv;
        final int port;
        private final Path data;
        private final Consumer<String> log;
        /** Everything the program printed, across restarts. */
        final ServerLog serverLog;
        private Process process;
        private ProcessOutput stderr;
        private boolean killedOnPurpose;

        ServerProcess(String commandLine, int port, Path data, Consumer<String> log) {
            this((p, d) -> Programs.shell(commandLine.replace(PORT_PLACEHOLDER, Integer.toString(p))
                    .replace(DATA_DIR_PLACEHOLDER, d.toString())), port, data, log);
        }

        /** A program started without a shell: {@code argv} for a port and a data directory. */
        ServerProcess(java.util.function.BiFunction<Integer, Path, List<String>> argv, int port, Path data, Consumer<String> log) {
            this.argv = argv;
            this.port = port;
            this.data = data;
            this.log = log;
            this.serverLog = new ServerLog(line -> { });
        }

        @Override
        public synchronized void start() throws IOException {
            List<String> args = argv.apply(port, data);
            String command = args.size() == 3 && args.get(1).equals("-c") ? args.get(2) : String.join(" ", args.subList(0, 1))
                    + " ... " + String.join(" ", args.subList(Math.max(1, args.size() - 4), args.size()));
            process = new ProcessBuilder(args).start();
            killedOnPurpose = false;
            log.accept("server: started `" + command + "` (pid " + process.pid() + ")");
            ServerLog printed = serverLog;
            new ProcessOutput().pump(process.getInputStream(), "server-stdout", line -> {
                printed.add(line);
                log.accept("server: stdout: " + line);
            });
            stderr = new ProcessOutput().pump(process.getErrorStream(), "server-stderr", line -> {
                printed.add(line);
                log.accept("server: stderr: " + line);
            });
            long deadline = System.nanoTime() + START_TIMEOUT_MILLIS * 1_000_000;
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    if (!process.isAlive()) {
                        // Let the pump take the last lines the program wrote before it went.
                        stderr.awaitEnd(200);
                        throw new IOException("the server program " + ProcessOutput.describeExit(process, stderr)
                                + " before it accepted connections on port " + port);
                    }
                    if (System.nanoTime() > deadline) {
                        kill();
                        throw new IOException("the server program did not accept connections on port " + port + " within "
                                + START_TIMEOUT_MILLIS + " ms");
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while the server started", e);
                    }
                }
            }
        }

        @Override
        public synchronized void kill() {
            if (process != null && process.isAlive()) {
                killedOnPurpose = true;
                Programs.kill(process);
                log.accept("server: killed (SIGKILL)");
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return process != null && process.isAlive();
        }

        @Override
        public Path dataDirectory() {
            return data;
        }

        synchronized Optional<String> gone() {
            if (process == null || process.isAlive() || killedOnPurpose) {
                return Optional.empty();
            }
            stderr.awaitEnd(200);
            return Optional.of("the server program " + ProcessOutput.describeExit(process, stderr));
        }

        void deleteData() {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory: the system cleans it eventually.
            }
        }
    }
}
