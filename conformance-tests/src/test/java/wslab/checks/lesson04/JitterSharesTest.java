package wslab.checks.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

/** 04.6's statistic: full jitter passes, each schedule that is not full jitter fails. */
class JitterSharesTest {

    static JitterShares draw(DoubleSupplier share, int count) {
        JitterShares shares = new JitterShares();
        for (int i = 0; i < count; i++) {
            shares.add(share.getAsDouble());
        }
        return shares;
    }

    @Test
    void fullJitterPassesOnAThousandSeeds() {
        for (long seed = 0; seed < 1000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            JitterShares shares = draw(random::nextDouble, JitterShares.SAMPLES);
            assertThat(shares.whatIsWrong()).as("seed " + seed + ": " + shares.describe()).isNull();
        }
    }

    @Test
    void equalJitterFailsOnEverySeed() {
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            assertThat(draw(() -> 0.5 + random.nextDouble() / 2, JitterShares.SAMPLES).whatIsWrong())
                    .contains("no delay below half");
        }
    }

    @Test
    void aFixedFractionFailsWhateverTheFraction() {
        assertThat(draw(() -> 1.0, JitterShares.SAMPLES).whatIsWrong()).contains("no delay below half");
        assertThat(draw(() -> 0.5, JitterShares.SAMPLES).whatIsWrong()).contains("no delay below half");
        assertThat(draw(() -> 0.4, JitterShares.SAMPLES).whatIsWrong()).contains("no delay above half");
        assertThat(draw(() -> 0.1, JitterShares.SAMPLES).whatIsWrong()).contains("no delay above half");
    }

    @Test
    void jitterOverTheLowerHalfFails() {
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            assertThat(draw(() -> random.nextDouble() / 2, JitterShares.SAMPLES).whatIsWrong())
                    .contains("no delay above half");
        }
    }

    @Test
    void delaysBunchedAtBothEndsFailOnTheDistance() {
        // Two values either side of one half: the first two rules pass, the shape does not.
        int[] i = {0};
        JitterShares shares = draw(() -> i[0]++ % 6 == 0 ? 0.45 : 0.98, JitterShares.SAMPLES);
        assertThat(shares.lowest()).isLessThan(0.5);
        assertThat(shares.highest()).isGreaterThan(0.5);
        assertThat(shares.whatIsWrong()).contains("Kolmogorov-Smirnov distance");
    }

    @Test
    void aScheduleAtTheCeilingIsCertainToFailAfterElevenDelays() {
        assertThat(draw(() -> 1.0, 10).certainToFail()).isFalse();
        assertThat(draw(() -> 1.0, 11).certainToFail()).isTrue();
        assertThat(draw(() -> 0.0, 11).certainToFail()).isTrue();
    }

    @Test
    void fullJitterIsNeverCertainToFailEarly() {
        for (long seed = 0; seed < 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            JitterShares shares = new JitterShares();
            for (int n = 0; n < JitterShares.SAMPLES - 1; n++) {
                shares.add(random.nextDouble());
                assertThat(shares.certainToFail()).as("seed " + seed + " after " + (n + 1) + ": " + shares.describe()).isFalse();
            }
        }
    }

    @Test
    void aDelayOverItsCeilingWithinTheSlackCountsAsAtTheCeiling() {
        JitterShares shares = draw(() -> 1.2, 1);
        assertThat(shares.highest()).isEqualTo(1.0);
    }
}
