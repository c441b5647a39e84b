package wslab.faults.embedded;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What one toxic remembers on one connection. Toxiproxy draws toxicity when a toxic starts on
 * a connection (when either is created, and again when the toxic is updated), so the roll lives
 * here and not per chunk.
 */
final class ToxicState {

    final Toxic toxic;
    final boolean applies;
    /** timeout: when the countdown last (re)started; Toxiproxy restarts it whenever data arrives. */
    volatile long quietSinceNanos;
    /** reset_peer: when the reset is due, once the first data or close has arrived; -1 before. */
    volatile long resetDueNanos = -1;
    /** limit_data: bytes passed since the toxic started here; an update keeps the count, as Toxiproxy's state does. */
    volatile long bytesPassed;
    /** bandwidth: when the link is free to send again. Touched by the writer thread only. */
    private long nextFreeNanos;

    ToxicState(Toxic toxic) {
        this(toxic, 0);
    }

    private ToxicState(Toxic toxic, long bytesPassed) {
        this.toxic = toxic;
        this.applies = ThreadLocalRandom.current().nextDouble() < toxic.toxicity();
        this.quietSinceNanos = System.nanoTime();
        this.bytesPassed = bytesPassed;
    }

    /** The state for an updated version of this toxic: a fresh roll and clocks, the same byte count. */
    ToxicState restartedAs(Toxic updated) {
        return new ToxicState(updated, bytesPassed);
    }

    /** bandwidth: books {@code bytes} on the link and says when they may be sent. */
    long reserve(int bytes) {
        long rate = toxic.attr("rate");
        nextFreeNanos = Math.max(nextFreeNanos, System.nanoTime()) + bytes * 1_000_000L / rate;
        return nextFreeNanos;
    }
}
