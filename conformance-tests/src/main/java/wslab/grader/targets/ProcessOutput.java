package wslab.grader.targets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/** Reads a program's output line by line on a daemon thread, keeping the last few lines for an error message. */
final class ProcessOutput {

    private static final int KEPT = 8;

    private final ArrayDeque<String> last = new ArrayDeque<>();
    private Thread pump;

    /** Pumps {@code stream}, giving each line to {@code lines}; keeps the last {@value #KEPT}. */
    ProcessOutput pump(InputStream stream, String name, Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (last) {
                        last.add(line);
                        if (last.size() > KEPT) {
                            last.poll();
                        }
                    }
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // The process is gone.
            }
        }, "wslab-program-" + name);
        t.setDaemon(true);
        t.start();
        pump = t;
        return this;
    }

    /** Waits up to {@code millis} for the stream to end, so the last lines a program wrote are in. */
    void awaitEnd(long millis) {
        try {
            pump.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> lastLines() {
        synchronized (last) {
            return List.copyOf(last);
        }
    }

    /** "exited with status 127; its stderr ended: sh: 1: nonexistent-prog: not found" */
    static String describeExit(Process p, ProcessOutput stderr) {
        List<String> tail = stderr.lastLines();
        return "exited with status " + p.exitValue()
                + (tail.isEmpty() ? " and printed nothing on stderr" : "; its stderr ended: " + String.join(" | ", tail));
    }
}
