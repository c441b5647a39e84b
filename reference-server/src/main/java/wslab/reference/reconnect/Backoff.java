package wslab.reference.reconnect;

import java.time.Duration;
import java.util.random.RandomGenerator;

import wslab.api.ClientContract;

/**
 * Exponential backoff with full jitter: the delay before attempt n is drawn uniformly from
 * [0, min(cap, base·2^(n-1))]. Full jitter, rather than a fixed schedule, is what spreads a
 * crowd of clients that all lost the same server at the same instant.
 */
public class Backoff {

    private final RandomGenerator random;


    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (1-based). */
    public Duration delayBefore(int attempt) {
        long ceiling = ceiling(attempt).toMillis();
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** The upper bound the jitter draws below; the contract's, unless a subclass says otherwise. */
    protected Duration ceiling(int attempt) {
        return ClientContract.backoffCeiling(attempt);
    }
}
