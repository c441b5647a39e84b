package wslab.grader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import wslab.api.ClientEvents;
import wslab.api.LabClient;

/**
 * A client in any language, run as a program: {@code {url}} in its command line becomes the
 * URL to connect to and {@code {seed}}, if present, a seed for its jitter; commands go to its
 * stdin one a line ({@code subscribe <topic>}, {@code send <text>}, {@code close}); it reports
 * {@code closed <code> <reason>} and {@code gave-up} on stdout.
 * Everything else it prints goes into the check's transcript.
 */
final class CommandClient implements LabClient {

    private final String commandLine;
    private final long seed;
    private final Consumer<String> log;
    private Process process;
    private Writer stdin;

    CommandClient(String commandLine, long seed, Consumer<String> log) {
        this.commandLine = commandLine;
        this.seed = seed;
        this.log = log;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        String command = commandLine.replace(ClientTarget.URL_PLACEHOLDER, url.toString())
                .replace(ClientTarget.SEED_PLACEHOLDER, Long.toString(seed));
        List<String> shell = System.getProperty("os.name").startsWith("Windows")
                ? List.of("cmd", "/c", command) : List.of("sh", "-c", command);
        try {
            process = new ProcessBuilder(shell).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run the client '" + command + "': " + e.getMessage(), e);
        }
        log.accept("client: started `" + command + "` (pid " + process.pid() + ")");
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), "stdout", line -> {
            if (line.equals("gave-up")) {
                events.gaveUp();
            } else if (line.startsWith("closed ")) {
                String[] parts = line.split(" ", 3);
                try {
                    events.closed(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "");
                } catch (NumberFormatException e) {
                    log.accept("client: stdout: " + line + " (not 'closed <code> <reason>')");
                    return;
                }
            }
            log.accept("client: stdout: " + line);
        });
        pump(process.getErrorStream(), "stderr", line -> log.accept("client: stderr: " + line));
    }

    private void pump(InputStream stream, String name, Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // The process is gone.
            }
        }, "wslab-client-" + name);
        t.setDaemon(true);
        t.start();
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
