package wslab.grader.targets;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Running command lines given on the command line: through the shell, the way the user typed them. */
final class Programs {

    private Programs() {
    }

    static List<String> shell(String command) {
        return System.getProperty("os.name").startsWith("Windows") ? List.of("cmd", "/c", command) : List.of("sh", "-c", command);
    }

    /**
     * Whether the program a command line starts with can be found, before any check depends on it:
     * empty if it can (or the shell cannot tell), else one line saying what is missing.
     */
    static Optional<String> findProgram(String command, String option) {
        String first = firstWord(command);
        if (first.isEmpty() || System.getProperty("os.name").startsWith("Windows")) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v \"$1\" >/dev/null 2>&1", "sh", first)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(option + ": the program '" + first + "' cannot be found or run (not on the PATH, or not executable);"
                            + " the command was: " + command);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The program's name: the first word that is not a VAR=value assignment. */
    static String firstWord(String command) {
        for (String word : command.trim().split("\\s+")) {
            if (!word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                return word.replaceAll("^[\"']|[\"']$", "");
            }
        }
        return "";
    }

    /** Kills a process and everything it started: a shell's children outlive it otherwise. */
    static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
