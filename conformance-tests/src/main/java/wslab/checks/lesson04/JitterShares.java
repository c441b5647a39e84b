package wslab.checks.lesson04;

import java.util.ArrayList;
import java.util.List;

/**
 * The reconnect delays of 04.6, each as a share of its ceiling, judged against the contract's
 * full jitter: every delay drawn uniformly from [0, ceiling], so the shares are uniform on [0, 1].
 *
 * <p>Three rules, each one a schedule that is not full jitter fails for certain:
 * <ul>
 *   <li>some share below 1/2 — equal jitter (half fixed, half random) and a schedule at the ceiling never are;
 *   <li>some share above 1/2 — a fixed fraction under one half, and jitter over [0, ceiling/2], never are;
 *   <li>a Kolmogorov–Smirnov distance from the uniform distribution under {@link #MAX_DISTANCE}.
 * </ul>
 * With {@link #SAMPLES} shares, a full-jitter client breaks one of them about once in 100,000 runs
 * (10^7 simulated runs: 9.3 in a million).
 */
final class JitterShares {

    /** 6 outages of 3 retries: the short delays (250, 500, 1000 ms ceilings), so the check costs little. */
    static final int SAMPLES = 18;
    static final double MAX_DISTANCE = 0.6;

    private final List<Double> shares = new ArrayList<>();

    /** A delay a little over its ceiling (within the check's slack) counts as at the ceiling. */
    void add(double share) {
        shares.add(Math.max(0, Math.min(1, share)));
    }

    int size() {
        return shares.size();
    }

    double lowest() {
        return shares.stream().mapToDouble(Double::doubleValue).min().orElse(1);
    }

    double highest() {
        return shares.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** The largest gap between the shares' empirical distribution and the uniform one on [0, 1]. */
    double distance() {
        double[] sorted = sorted();
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max((i + 1.0) / n - sorted[i], sorted[i] - (double) i / n));
        }
        return d;
    }

    /**
     * Whether the distance will reach {@link #MAX_DISTANCE} whatever the shares still to come: at
     * some point x the empirical distribution is already too far from x even if every remaining
     * share lands on the side that would help most. A client at the ceiling is certain after 11 of 18.
     */
    boolean certainToFail() {
        double[] sorted = sorted();
        int remaining = SAMPLES - sorted.length;
        double bound = 0;
        // At x = 1 every share counts below, unless one sits exactly at 1: check that point too.
        double[] points = java.util.Arrays.copyOf(sorted, sorted.length + 1);
        points[sorted.length] = 1;
        for (double x : points) {
            long atOrBelow = java.util.Arrays.stream(sorted).filter(s -> s <= x).count();
            long below = java.util.Arrays.stream(sorted).filter(s -> s < x).count();
            bound = Math.max(bound, (double) atOrBelow / SAMPLES - x);
            bound = Math.max(bound, x - (double) (below + remaining) / SAMPLES);
        }
        return bound >= MAX_DISTANCE;
    }

    /** Null when the shares look like full jitter, else what is wrong with them. */
    String whatIsWrong() {
        if (lowest() >= 0.5) {
            return String.format("no delay below half its ceiling (lowest %.0f%%): equal jitter or a schedule at the"
                    + " ceiling", lowest() * 100);
        }
        if (highest() <= 0.5) {
            return String.format("no delay above half its ceiling (highest %.0f%%): a fixed fraction, or jitter over"
                    + " only the lower half", highest() * 100);
        }
        if (distance() >= MAX_DISTANCE) {
            return String.format("the delays are not spread over [0, ceiling]: Kolmogorov-Smirnov distance %.2f from"
                    + " uniform, the limit is %.2f", distance(), MAX_DISTANCE);
        }
        return null;
    }

    /** The shares in percent, in the order they came. */
    String describe() {
        StringBuilder b = new StringBuilder();
        for (double s : shares) {
            b.append(b.length() == 0 ? "" : " ").append(Math.round(s * 100)).append('%');
        }
        return b.toString();
    }

    private double[] sorted() {
        return shares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
