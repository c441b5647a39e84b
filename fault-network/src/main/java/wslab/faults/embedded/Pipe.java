package wslab.faults.embedded;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of a proxied connection, through the toxics set on that stream.
 *
 * <p>A reader thread stamps each chunk with its arrival time, so latency counts from arrival
 * and does not add up over a burst, as in Toxiproxy. The queue between reader and writer is
 * bounded, so a slow toxic pushes back on the sender instead of buffering without end. While no
 * toxic acts on the stream and nothing waits in the queue, the reader writes on its own, from
 * the direct buffer it read into: a clean link costs no hand-over between threads, no copy
 * through the heap and no allocation.
 *
 * <p>The writer sleeps until something it waits for happens: a chunk, a toxic change, the link
 * closing, or a deadline a toxic set. Nothing polls, so a change takes effect at once.
 *
 * <p>When this direction ends (its source closed, or a toxic ended it) the destination socket is
 * closed outright, not half-closed: Toxiproxy closes the destination connection, and the other
 * direction then ends after delivering what it still holds.
 */
final class Pipe {

    /** A chunk handed to the writer is at most this long, so a full queue holds a bounded amount. */
    private static final int CHUNK_SIZE = 64 * 1024;
    /**
     * A clean stream that keeps filling its read buffer gets a larger one, up to this size: fewer
     * reads and writes per byte, and fewer wake-ups of the peer on the other side.
     */
    private static final int MAX_READ_SIZE = 256 * 1024;
    /**
     * Kernel buffers for what this direction receives and sends. Larger than the defaults, so the
     * reader drains more per read and its writes block less, waking the peers less often.
     */
    private static final int SOCKET_BUFFER = 1024 * 1024;
    private static final int QUEUE_CHUNKS = 64;
    /** A wait with no deadline: only a chunk, a toxic change or the link closing ends it. */
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private record Chunk(byte[] data, long arrivalNanos) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final Link link;
    private final Stream stream;
    private final Socket from;
    private final Socket to;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a chunk is queued, a toxic on this stream changes, or the link closes. */
    private final Condition forWriter = lock.newCondition();
    /** Signalled when the queue has room again or the writer has gone. */
    private final Condition forReader = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>(QUEUE_CHUNKS);
    /** Guarded by {@link #lock}. */
    private boolean writerGone;
    /** Data chunks handed to the writer and not yet written or dropped; only the reader adds to it. */
    private final AtomicInteger inFlight = new AtomicInteger();

    Pipe(Link link, Stream stream, Socket from, Socket to) {
        this.link = link;
        this.stream = stream;
        this.from = from;
        this.to = to;
    }

    void start(String threadPrefix) {
        try {
            from.setReceiveBufferSize(SOCKET_BUFFER);
            to.setSendBufferSize(SOCKET_BUFFER);
        } catch (IOException e) {
            // A socket already closed: this direction is about to end anyway.
        }
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

    /** Makes the writer look again at the toxics and at whether the link is closed. */
    void wake() {
        lock.lock();
        try {
            forWriter.signal();
        } finally {
            lock.unlock();
        }
    }

    private void readLoop() {
        // A direct buffer: the channel reads into it and writes from it without copying through the heap.
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_SIZE);
        try {
            ReadableByteChannel in = readable(from);
            WritableByteChannel out = writable(to);
            while (in.read(buf) >= 0) {
                buf = passOn(buf, out);
                if (buf == null) {
                    return;
                }
            }
        } catch (IOException e) {
            // A reset, a socket closed under us or a failed write ends the stream just as EOF does.
        }
        hand(END);
    }

    /**
     * Passes on what was just read into {@code buf}: written from here on a clean stream, handed
     * to the writer otherwise. Returns the buffer for the next read, or null once the writer has
     * gone. A method of its own so the JIT compiles it early; the loop around it runs once per
     * connection.
     */
    private ByteBuffer passOn(ByteBuffer buf, WritableByteChannel out) throws IOException {
        long arrival = System.nanoTime();
        boolean filled = !buf.hasRemaining();
        buf.flip();
        if (inFlight.get() == 0 && link.active(stream).isEmpty()) {
            // Nothing waiting and no toxic acting: pass it on from here, sparing a hand-over
            // between threads. The writer writes only while inFlight > 0, so order holds.
            writeFully(out, buf);
            if (filled && buf.capacity() < MAX_READ_SIZE) {
                return ByteBuffer.allocateDirect(Math.min(buf.capacity() * 4, MAX_READ_SIZE));
            }
        } else if (!handData(buf, arrival)) {
            return null;
        }
        buf.clear();
        return buf;
    }

    /** Hands what was read to the writer in chunks; false once the writer has gone. */
    private boolean handData(ByteBuffer buf, long arrival) {
        while (buf.hasRemaining()) {
            byte[] data = new byte[Math.min(buf.remaining(), CHUNK_SIZE)];
            buf.get(data);
            inFlight.incrementAndGet();
            if (!hand(new Chunk(data, arrival))) {
                return false;
            }
        }
        return true;
    }

    /** Queues a chunk, waiting while the writer is behind; false once the writer has gone. */
    private boolean hand(Chunk c) {
        lock.lock();
        try {
            while (queue.size() >= QUEUE_CHUNKS && !writerGone) {
                forReader.awaitUninterruptibly();
            }
            if (writerGone) {
                return false;
            }
            queue.add(c);
            forWriter.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        try {
            forward(writable(to));
        } catch (IOException e) {
            // The destination went away: this direction is over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                writerGone = true;
                forReader.signal();
            } finally {
                lock.unlock();
            }
            Link.closeQuietly(to);
            link.pipeFinished();
        }
    }

    /** Moves chunks through the toxics until the stream ends or a toxic ends it. */
    private void forward(WritableByteChannel out) throws IOException, InterruptedException {
        boolean ended = false;
        while (!link.isClosed()) {
            long changes = link.toxicChanges();
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
            long wait = NO_DEADLINE;
            if (reset != null && reset.resetDueNanos >= 0) {
                wait = reset.resetDueNanos - now;
            }
            if (timeoutNanos > 0) {
                wait = Math.min(wait, timeout.quietSinceNanos + timeoutNanos - now);
            }
            Chunk c = next(changes, Math.max(wait, 0));
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

    /**
     * The next queued chunk, or null when the toxics changed since {@code changesSeen}, the link
     * closed or {@code waitNanos} passed with nothing queued.
     */
    private Chunk next(long changesSeen, long waitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        lock.lock();
        try {
            while (true) {
                Chunk c = queue.poll();
                if (c != null) {
                    forReader.signal();
                    return c;
                }
                if (link.isClosed() || link.toxicChanges() != changesSeen) {
                    return null;
                }
                if (waitNanos == NO_DEADLINE) {
                    forWriter.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    forWriter.awaitNanos(left);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A data chunk is written or dropped; once none is left, the reader may write directly again. */
    private void passed(Chunk c) {
        if (c != END) {
            inFlight.decrementAndGet();
        }
    }

    private void holdClose(List<ToxicState> toxics) throws InterruptedException {
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
    private boolean awaitLatency(Chunk c) throws InterruptedException {
        while (!link.isClosed()) {
            long changes = link.toxicChanges();
            long due = c.arrivalNanos() + latencyNanos(link.active(stream));
            if (due - System.nanoTime() <= 0) {
                return true;
            }
            pause(due, changes);
        }
        return false;
    }

    /**
     * Writes one chunk through limit_data, slicer and bandwidth. False when the direction must
     * end: the link closed, or a limit_data toxic let its last byte through.
     */
    private boolean deliver(WritableByteChannel out, byte[] data) throws IOException, InterruptedException {
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
            if (!bandwidths.isEmpty() && !awaitUntil(sendAt)) {
                return false;
            }
            writeFully(out, ByteBuffer.wrap(data, at, piece));
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

    /** Waits until {@code deadline}; false if the link closed meanwhile. */
    private boolean awaitUntil(long deadlineNanos) throws InterruptedException {
        while (!link.isClosed()) {
            if (deadlineNanos - System.nanoTime() <= 0) {
                return true;
            }
            pause(deadlineNanos, link.toxicChanges());
        }
        return false;
    }

    /** Sleeps until {@code deadline}, or until the link closes or the toxics change since {@code changesSeen}. */
    private void pause(long deadlineNanos, long changesSeen) throws InterruptedException {
        lock.lock();
        try {
            while (!link.isClosed() && link.toxicChanges() == changesSeen) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                forWriter.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            out.write(data);
        }
    }

    /**
     * The socket's own channel when it has one (the proxy opens its sockets as channels), so
     * reads and writes go straight between the kernel and a direct buffer; a plain socket's
     * streams otherwise.
     */
    private static ReadableByteChannel readable(Socket s) throws IOException {
        SocketChannel c = s.getChannel();
        return c != null ? c : Channels.newChannel(s.getInputStream());
    }

    private static WritableByteChannel writable(Socket s) throws IOException {
        SocketChannel c = s.getChannel();
        return c != null ? c : Channels.newChannel(s.getOutputStream());
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
