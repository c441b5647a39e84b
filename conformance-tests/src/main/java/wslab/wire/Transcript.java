package wslab.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What crossed the wire during one check, with times relative to the check's start. It is the
 * evidence a failed check leaves in the report, so it records bytes as a reader wants them:
 * HTTP heads as text, frames as opcode, length and a short preview (see {@link Frame#describe()}).
 */
public final class Transcript {

    /** Who sent it: the suite (client) or the graded server. */
    public enum Direction { SENT, RECEIVED, NOTE }

    public record Entry(long micros, Direction direction, String text) {
        @Override
        public String toString() {
            String arrow = switch (direction) {
                case SENT -> "→";
                case RECEIVED -> "←";
                case NOTE -> "·";
            };
            return String.format("%9.3f ms %s %s", micros / 1000.0, arrow, text);
        }
    }

    private final LongSupplier clock;
    private final long startNanos;
    private final List<Entry> entries = new ArrayList<>();

    /** A transcript on the wall clock. */
    public Transcript() {
        this(System::nanoTime);
    }

    /** A transcript timed by {@code clock} (nanoseconds): the check's stage, which may be virtual. */
    public Transcript(LongSupplier clock) {
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    public synchronized void sent(String text) {
        add(Direction.SENT, text);
    }

    public synchronized void received(String text) {
        add(Direction.RECEIVED, text);
    }

    public synchronized void note(String text) {
        add(Direction.NOTE, text);
    }

    private void add(Direction direction, String text) {
        // Notes quote exception messages and peers' words; no entry may carry a raw control byte.
        entries.add(new Entry((clock.getAsLong() - startNanos) / 1000, direction, Printable.escape(text)));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }

    /**
     * Shows an HTTP head with its line breaks made visible, so a missing CR is evident; a CR on
     * its own shows as ␍ and any other control byte as {@code \x16}, as a server may send them.
     */
    static String showHead(byte[] head) {
        String s = new String(head, StandardCharsets.ISO_8859_1);
        return Printable.escape(s.replace("\r\n", "␍␊\n      ").replace('\r', '␍')).stripTrailing();
    }
}
