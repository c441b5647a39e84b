package wslab.faults.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a proxied connection. A reader thread stamps each chunk with its arrival
 * time; a writer thread passes it on through the toxics active for this direction. Two threads
 * so that latency delays each chunk from its arrival, as Toxiproxy does, instead of adding up.
 */
final class Pipe {

    private static final int CHUNK = 32 * 1024;
    private static final byte[] END = new byte[0];

    private record Chunk(byte[] data, long arrivalNanos) {
    }

    private final Link link;
    private final Toxic.Stream stream;
    private final Socket from;
    private final Socket to;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private long passedBytes;

    Pipe(Link link, Toxic.Stream stream, Socket from, Socket to) {
        this.link = link;
        this.stream = stream;
        this.from = from;
        this.to = to;
    }

    void start(String name) {
        Thread reader = new Thread(this::readLoop, name + "-" + stream.wireName() + "-in");
        Thread writer = new Thread(this::writeLoop, name + "-" + stream.wireName() + "-out");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private void readLoop() {
        byte[] buf = new byte[CHUNK];
        try {
            InputStream in = from.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime()));
            }
            queue.add(new Chunk(END, System.nanoTime()));
        } catch (IOException e) {
            // Reset or closed under us: the whole link goes, as a real proxy's would.
            link.close();
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = to.getOutputStream();
            while (!link.isClosed()) {
                Chunk c = queue.poll(50, TimeUnit.MILLISECONDS);
                if (c == null) {
                    continue;
                }
                if (c.data() == END) {
                    finish();
                    return;
                }
                List<Toxic> toxics = link.activeToxics(stream);
                if (link.resetIfDue(stream, toxics)) {
                    return;
                }
                if (has(toxics, ToxicType.TIMEOUT)) {
                    continue; // A timeout toxic swallows everything while it is there.
                }
                waitUntil(c.arrivalNanos() + latencyNanos(toxics));
                write(out, c.data(), toxics);
            }
        } catch (IOException e) {
            link.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close();
        }
    }

    private void write(OutputStream out, byte[] data, List<Toxic> toxics) throws IOException {
        Toxic limit = find(toxics, ToxicType.LIMIT_DATA);
        int length = data.length;
        boolean limitReached = false;
        if (limit != null) {
            long allowed = Math.max(0, limit.attr("bytes") - passedBytes);
            if (length >= allowed) {
                length = (int) allowed;
                limitReached = true;
            }
        }
        Toxic slicer = find(toxics, ToxicType.SLICER);
        Toxic bandwidth = find(toxics, ToxicType.BANDWIDTH);
        int at = 0;
        while (at < length) {
            int piece = length - at;
            if (slicer != null) {
                piece = Math.min(piece, sliceSize(slicer));
            }
            if (bandwidth != null && bandwidth.attr("rate") > 0) {
                // 100 ms worth at a time, so a big chunk trickles out rather than arriving in one burst.
                piece = (int) Math.min(piece, Math.max(1, bandwidth.attr("rate") * 100));
            }
            out.write(data, at, piece);
            out.flush();
            at += piece;
            passedBytes += piece;
            if (bandwidth != null && bandwidth.attr("rate") > 0) {
                // rate is in KB/s, i.e. bytes per millisecond.
                LockSupport.parkNanos(piece * 1_000_000L / bandwidth.attr("rate"));
            }
            if (slicer != null && at < length && slicer.attr("delay") > 0) {
                LockSupport.parkNanos(slicer.attr("delay") * 1000L);
            }
        }
        if (limitReached) {
            link.close();
        }
    }

    /** The source closed: pass the FIN on, late if a slow_close toxic says so, held if a timeout does. */
    private void finish() throws InterruptedException {
        while (!link.isClosed() && has(link.activeToxics(stream), ToxicType.TIMEOUT)) {
            Thread.sleep(20);
        }
        Toxic slowClose = find(link.activeToxics(stream), ToxicType.SLOW_CLOSE);
        if (slowClose != null) {
            waitUntil(System.nanoTime() + slowClose.attr("delay") * 1_000_000L);
        }
        link.halfClose(to);
    }

    private static int sliceSize(Toxic slicer) {
        long average = slicer.attr("average_size");
        long variation = Math.min(slicer.attr("size_variation"), Math.max(0, average - 1));
        long size = average;
        if (variation > 0) {
            size += ThreadLocalRandom.current().nextLong(-variation, variation + 1);
        }
        return (int) Math.max(1, Math.min(size, Integer.MAX_VALUE));
    }

    private static long latencyNanos(List<Toxic> toxics) {
        long total = 0;
        for (Toxic t : toxics) {
            if (t.type() == ToxicType.LATENCY) {
                long jitter = t.attr("jitter");
                long delay = t.attr("latency") + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
                total += Math.max(0, delay) * 1_000_000L;
            }
        }
        return total;
    }

    private void waitUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0 && !link.isClosed()) {
            LockSupport.parkNanos(left);
        }
    }

    private static boolean has(List<Toxic> toxics, ToxicType type) {
        return find(toxics, type) != null;
    }

    private static Toxic find(List<Toxic> toxics, ToxicType type) {
        for (Toxic t : toxics) {
            if (t.type() == type) {
                return t;
            }
        }
        return null;
    }
}
