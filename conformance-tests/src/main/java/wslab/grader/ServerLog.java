package wslab.grader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a server the grader started has written to its log: an in-process server's
 * {@link wslab.api.LabServer#logTo} lines, a program's standard output and error. Lesson 09 reads
 * it for the server's certificate and for tokens that must not be there.
 */
public final class ServerLog {

    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> transcript;
    private boolean inPem;

    /** @param transcript where each line also goes, as evidence (a PEM block shows as one line) */
    public ServerLog(Consumer<String> transcript) {
        this.transcript = transcript;
    }

    public synchronized void add(String line) {
        lines.add(line);
        if (line.startsWith("-----BEGIN ")) {
            inPem = true;
            transcript.accept(line + " (the block is in the server's log)");
        } else if (inPem) {
            inPem = !line.startsWith("-----END ");
        } else {
            transcript.accept(line);
        }
    }

    /** Every line so far, in order. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The whole log as one text. */
    public String text() {
        return String.join("\n", lines());
    }
}
