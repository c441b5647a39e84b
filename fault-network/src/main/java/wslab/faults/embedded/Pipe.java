package wslab.faults.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a proxied connection, through the toxics set on that stream.
 *
 * <p>A reader thread stamps each chunk with its arrival time, so latency counts from arrival
 * and does not add up over a burst, as in Toxiproxy. The queue between reader and writer is
 * bounded, so a slow toxic pushes back on the sender instead of buffering without end. While no
 * toxic acts on the stream and nothing waits in the queue, the reader writes on its own.
 *
 * <p>When this direction ends (its source closed, or a toxic ended it) the destination socket is
 * closed outright, not half-closed: Toxiproxy closes the destination connection, and the other
 * direction then ends after delivering what it still holds.
 */
final class Pipe {

    private static final int READ_SIZE = 64 * 1024;
    private static final int QUEUE_CHUNKS = 64;
    /** How often an idle writer looks again at the toxics; also bounds how late a toxic change is noticed. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private record Chunk(byte[] data, long arrivalNanos) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final Link link;
    private final Stream stream;
    private final Socket from;
    private final Socket to;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    /** Data chunks handed to the writer and not yet written or dropped; only the reader adds to it. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean done;

    Pipe(Link link, Stream stream, Socket from, Socket to) {
        this.link = link;
        this.stream = stream;
        this.from = from;
        this.to = to;
    }

    void start(String threadPrefix) {
        String prefix = threadPrefix + "-" + stream.wireName();
        Thread reader = new Thread(this::readLoop, prefix + "-read");
        Thread writer = new Thread(this::writeLoop, prefix + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** Ends this direction at once, as Toxiproxy does when a timeout toxic is removed. */
    void cut() {
        Link.closeQuietly(to);
    }

    private void readLoop() {
        byte[] buf = new byte[READ_SIZE];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (inFlight.get() == 0 && link.active(stream).isEmpty()) {
                    // Nothing waiting and no toxic acting: pass it on from here, sparing a hand-over
                    // between threads. The writer writes only while inFlight > 0, so order holds.
                    out.write(buf, 0, n);
                    continue;
                }
                inFlight.incrementAndGet();
                if (!hand(new Chunk(Arrays.copyOf(buf, n), System.nanoTime()))) {
                    return;
                }
            }
        } catch (IOException e) {
            // A reset, a socket closed under us or a failed write ends the stream just as EOF does.
        }
        hand(END);
    }

    /** Queues a chunk, waiting while the writer is behind; false once the writer has gone. */
    private boolean hand(Chunk c) {
        try {
            while (!done) {
                if (queue.offer(c, RECHECK_NANOS, TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void writeLoop() {
        try {
            forward(to.getOutputStream());
        } catch (IOException e) {
            // The destination went away: this direction is over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
            Link.closeQuietly(to);
            link.pipeFinished();
        }
    }

    /** Moves chunks through the toxics until the stream ends or a toxic ends it. */
    private void forward(OutputStream out) throws IOException, InterruptedException {
        boolean ended = false;
        while (!link.isClosed()) {
            List<ToxicState> toxics = link.active(stream);
            long now = System.nanoTime();
            ToxicState reset = first(toxics, ToxicType.RESET_PEER);
            if (reset != null && reset.resetDueNanos >= 0 && now >= reset.resetDueNanos) {
                link.reset();
                return;
            }
            if (ended && reset == null) {
                // The source closed while a reset_peer toxic held the stream, and the toxic is gone.
                return;
            }
            ToxicState timeout = first(toxics, ToxicType.TIMEOUT);
            long timeoutNanos = timeout == null ? 0 : millis(timeout.toxic.attr("timeout"));
            if (timeoutNanos > 0 && now - timeout.quietSinceNanos >= timeoutNanos) {
                return;
            }
            long wait = RECHECK_NANOS;
            if (reset != null && reset.resetDueNanos >= 0) {
                wait = Math.min(wait, reset.resetDueNanos - now);
            }
            if (timeoutNanos > 0) {
                wait = Math.min(wait, timeout.quietSinceNanos + timeoutNanos - now);
            }
            Chunk c = queue.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
            if (c == null) {
                continue;
            }
            // Look again: a toxic may have come or gone while we waited.
            toxics = link.active(stream);
            reset = first(toxics, ToxicType.RESET_PEER);
            timeout = first(toxics, ToxicType.TIMEOUT);
            if (reset != null) {
                // The first data or close arms the reset; nothing passes while it is pending.
                if (reset.resetDueNanos < 0) {
                    reset.resetDueNanos = System.nanoTime() + millis(reset.toxic.attr("timeout"));
                }
                ended |= c == END;
                passed(c);
                continue;
            }
            if (c == END) {
                // Under a timeout toxic the close passes at once; otherwise slow_close may hold it.
                if (timeout == null) {
                    holdClose(toxics);
                }
                return;
            }
            if (timeout != null) {
                timeout.quietSinceNanos = System.nanoTime();
                passed(c);
                continue;
            }
            if (!awaitLatency(c) || !deliver(out, c.data())) {
                return;
            }
            passed(c);
        }
    }

    /** A data chunk is written or dropped; once none is left, the reader may write directly again. */
    private void passed(Chunk c) {
        if (c != END) {
            inFlight.decrementAndGet();
        }
    }

    private void holdClose(List<ToxicState> toxics) {
        long delay = 0;
        for (ToxicState t : all(toxics, ToxicType.SLOW_CLOSE)) {
            delay += Math.max(0, t.toxic.attr("delay"));
        }
        if (delay > 0) {
            awaitUntil(System.nanoTime() + millis(delay));
        }
    }

    /**
     * Waits until the chunk's arrival plus the latency toxics' delay. A toxic change recomputes
     * the delay, so removing a latency toxic releases data already waiting, as Toxiproxy does.
     */
    private boolean awaitLatency(Chunk c) {
        long seen = -1;
        long due = 0;
        while (true) {
            if (link.isClosed()) {
                return false;
            }
            long version = link.toxicsVersion();
            if (version != seen) {
                seen = version;
                due = c.arrivalNanos() + latencyNanos(link.active(stream));
            }
            long left = due - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, RECHECK_NANOS));
        }
    }

    /**
     * Writes one chunk through limit_data, slicer and bandwidth. False when the direction must
     * end: the link closed, or a limit_data toxic let its last byte through.
     */
    private boolean deliver(OutputStream out, byte[] data) throws IOException {
        List<ToxicState> toxics = link.active(stream);
        List<ToxicState> limits = all(toxics, ToxicType.LIMIT_DATA);
        int length = data.length;
        boolean limitReached = false;
        for (ToxicState limit : limits) {
            long remaining = Math.max(0, limit.toxic.attr("bytes") - limit.bytesPassed);
            if (remaining <= length) {
                length = (int) remaining;
                limitReached = true;
            }
        }
        ToxicState slicer = first(toxics, ToxicType.SLICER);
        List<ToxicState> bandwidths = new ArrayList<>();
        for (ToxicState b : all(toxics, ToxicType.BANDWIDTH)) {
            if (b.toxic.attr("rate") > 0) {
                bandwidths.add(b);
            }
        }
        int at = 0;
        while (at < length) {
            int piece = length - at;
            if (slicer != null) {
                piece = Math.min(piece, sliceSize(slicer.toxic));
            }
            long sendAt = 0;
            for (ToxicState b : bandwidths) {
                // At most 100 ms worth at once, so a big chunk trickles instead of arriving in one burst.
                piece = (int) Math.min(piece, Math.max(1, b.toxic.attr("rate") * 100));
            }
            for (ToxicState b : bandwidths) {
                sendAt = Math.max(sendAt, b.reserve(piece));
            }
            if (!awaitUntil(sendAt)) {
                return false;
            }
            out.write(data, at, piece);
            at += piece;
            for (ToxicState limit : limits) {
                limit.bytesPassed += piece;
            }
            if (slicer != null && slicer.toxic.attr("delay") > 0
                    && !awaitUntil(System.nanoTime() + slicer.toxic.attr("delay") * 1000L)) {
                return false;
            }
        }
        return !limitReached;
    }

    /** A slice length within average ± variation, never above average + variation and never empty. */
    private static int sliceSize(Toxic slicer) {
        long average = Math.max(1, slicer.attr("average_size"));
        long variation = Math.max(0, slicer.attr("size_variation"));
        long low = Math.max(1, average - variation);
        long high = average + variation;
        long size = low >= high ? high : ThreadLocalRandom.current().nextLong(low, high + 1);
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    private static long latencyNanos(List<ToxicState> toxics) {
        long total = 0;
        for (ToxicState t : all(toxics, ToxicType.LATENCY)) {
            long delay = t.toxic.attr("latency");
            long jitter = t.toxic.attr("jitter");
            if (jitter > 0) {
                delay += ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
            }
            total += Math.max(0, delay);
        }
        return millis(total);
    }

    /** Parks until {@code deadline}; false if the link closed meanwhile. */
    private boolean awaitUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            if (link.isClosed()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, RECHECK_NANOS));
        }
        return !link.isClosed();
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private static ToxicState first(List<ToxicState> toxics, ToxicType type) {
        for (ToxicState t : toxics) {
            if (t.toxic.type() == type) {
                return t;
            }
        }
        return null;
    }

    private static List<ToxicState> all(List<ToxicState> toxics, ToxicType type) {
        List<ToxicState> found = new ArrayList<>(1);
        for (ToxicState t : toxics) {
            if (t.toxic.type() == type) {
                found.add(t);
            }
        }
        return found;
    }
}
