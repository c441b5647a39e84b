package wslab.grader.targets;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import wslab.api.ClientEvents;
import wslab.api.LabClient;

/**
 * A client in any language, run as a program: {@code {url}} in its command line becomes the
 * URL to connect to and {@code {seed}}, if present, a seed for its jitter (a signed 64-bit
 * decimal); commands go to its stdin one a line ({@code subscribe <topic>}, {@code send <text>},
 * {@code close}); it reports {@code closed <code>[ <reason>]} and {@code gave-up} on stdout.
 * Everything else it prints goes into the check's transcript.
 */
final class CommandClient implements LabClient {

    private final String commandLine;
    private final long seed;
    private final Consumer<String> log;
    private Process process;
    private Writer stdin;
    private ProcessOutput stderr;
    private String exit;

    CommandClient(String commandLine, long seed, Consumer<String> log) {
        this.commandLine = commandLine;
        this.seed = seed;
        this.log = log;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        String command = commandLine.replace(ClientCommandTargetKind.URL_PLACEHOLDER, url.toString())
                .replace(ClientCommandTargetKind.SEED_PLACEHOLDER, Long.toString(seed));
        try {
            process = new ProcessBuilder(Programs.shell(command)).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run the client '" + command + "': " + e.getMessage(), e);
        }
        log.accept("client: started `" + command + "` (pid " + process.pid() + ")");
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        new ProcessOutput().pump(process.getInputStream(), "stdout", line -> {
            if (line.equals("gave-up")) {
                events.gaveUp();
            } else if (events instanceof wslab.api.ChatEvents chat && (line.startsWith("delivered ") || line.startsWith("cannot-recover "))) {
                if (!chatEvent(chat, line)) {
                    log.accept("client: stdout: " + line + " (not 'delivered <room> <seq> <client> <id> <text>' or"
                            + " 'cannot-recover <room> <oldest> <latest>')");
                    return;
                }
            } else if (line.equals("closed") || line.startsWith("closed ")) {
                String[] parts = line.split(" ", 3);
                try {
                    events.closed(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "");
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    log.accept("client: stdout: " + line + " (not 'closed <code> [<reason>]')");
                    return;
                }
            }
            log.accept("client: stdout: " + line);
        });
        stderr = new ProcessOutput().pump(process.getErrorStream(), "stderr", line -> log.accept("client: stderr: " + line));
    }

    /** Lesson 07c's events: {@code delivered <room> <seq> <client> <id> <text>}, {@code cannot-recover <room> <oldest> <latest>}. */
    private static boolean chatEvent(wslab.api.ChatEvents chat, String line) {
        try {
            if (line.startsWith("delivered ")) {
                String[] p = line.split(" ", 6);
                chat.delivered(p[1], Long.parseLong(p[2]), p[3], p[4], p.length > 5 ? p[5] : "");
            } else {
                String[] p = line.split(" ");
                chat.cannotRecover(p[1], Long.parseLong(p[2]), Long.parseLong(p[3]));
            }
            return true;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    /** Why the program is no longer there, if it has exited: its status and the end of its stderr. */
    synchronized Optional<String> gone() {
        if (process == null || process.isAlive()) {
            return Optional.empty();
        }
        if (exit == null) {
            // Let the pump take the last lines the program wrote before it went.
            stderr.awaitEnd(200);
            exit = "the client program " + ProcessOutput.describeExit(process, stderr);
        }
        return Optional.of(exit);
    }

    @Override
    public void subscribe(String topic) {
        command("subscribe " + topic);
    }

    @Override
    public void send(String text) {
        command("send " + text);
    }

    @Override
    public void close() {
        command("close");
    }

    private synchronized void command(String line) {
        if (stdin == null) {
            return;
        }
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            log.accept("client: could not write '" + line + "' to its stdin: " + e.getMessage());
        }
    }

    @Override
    public synchronized void dispose() {
        if (process == null) {
            return;
        }
        // Taken now: once the shell is gone, its children no longer show as its descendants.
        List<ProcessHandle> children = process.descendants().toList();
        try {
            stdin.close();
        } catch (IOException ignored) {
            // It may have exited already.
        }
        stdin = null;
        try {
            if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        log.accept("client: process ended");
    }
}
