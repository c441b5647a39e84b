package wslab.proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python 3 that has the {@code websockets} library, for the proofs that grade the solutions in
 * {@code examples/python}: the Debian one first, since a user's {@code python3} on the PATH (a
 * pyenv shim, say) may lack it.
 */
public final class Python {

    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");
    /** Guarded by the class: looked for once. */
    private static Optional<String> found;

    private Python() {
    }

    /** The interpreter's command, or empty when none here imports {@code websockets}. */
    public static synchronized Optional<String> withWebsockets() {
        if (found == null) {
            found = CANDIDATES.stream().filter(Python::importsWebsockets).findFirst();
        }
        return found;
    }

    /** Why the proofs that need it cannot run here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        return withWebsockets().isPresent() ? Optional.empty()
                : Optional.of("no python3 here imports websockets (Debian: apt-get install python3-websockets)");
    }

    /** {@code examples/python/<script>} of this checkout, from a lesson module's directory. */
    public static String example(String script) {
        Path p = Path.of("..", "..", "examples", "python", script).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no " + p + ": the proofs run from a lesson's folder of a full checkout");
        }
        return withWebsockets().orElse("python3") + " " + p;
    }

    private static boolean importsWebsockets(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import websockets").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
