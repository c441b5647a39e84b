package wslab.reference.security;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. The time comes
 * from the environment's clock, so the limit is exact on virtual time. One thread takes from it.
 */
public class RateLimit {

    private final int burst;
    private final double perNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    public RateLimit(int burst, int perSecond, LongSupplier nanoTime) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token for a message; false when the bucket is empty. */
    public boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
