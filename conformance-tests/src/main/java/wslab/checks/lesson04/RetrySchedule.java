package wslab.checks.lesson04;

import java.util.ArrayList;
import java.util.List;

import wslab.api.ClientContract;

/**
 * The reconnect attempts a client made after losing a connection, as the server saw them:
 * each delay runs from the moment the previous attempt failed to the moment the next one
 * arrived. Observation stops at the first attempt that does not come within its ceiling plus
 * slack, since a late attempt is already a verdict.
 */
final class RetrySchedule {

    final List<Long> delaysMs = new ArrayList<>();
    /** The same delays to the nanosecond: on virtual time they are exact, and a bound is judged on them. */
    final List<Long> delaysNanos = new ArrayList<>();
    /** Why observation stopped early, or null if every attempt asked for came. */
    String missing;
    /** The attempt (1-based, counted from the loss) the schedule starts at. */
    final int firstAttempt;

    private RetrySchedule(int firstAttempt) {
        this.firstAttempt = firstAttempt;
    }

    /**
     * Watches up to {@code attempts} retries after {@code lost} ended, the first of them being
     * attempt {@code firstAttempt} of the contract's schedule.
     */
    static RetrySchedule observe(Rig rig, PlayServer.Attempt lost, int firstAttempt, int attempts)
            throws InterruptedException {
        PlayServer server = rig.server;
        long slack = rig.slack();
        RetrySchedule s = new RetrySchedule(firstAttempt);
        PlayServer.Attempt previous = lost;
        for (int i = 0; i < attempts; i++) {
            int n = firstAttempt + i;
            PlayServer.Attempt failed = previous;
            // Read once: the HTTP client's own retry of this attempt may reopen it for a moment.
            long[] ended = {-1};
            if (!server.expect(a -> (ended[0] = failed.endedNanos) >= 0, 5_000)) {
                s.missing = "connection #" + failed.number + " never ended";
                return s;
            }
            long wait = ceilingMs(n) + slack;
            long deadline = ended[0] + wait * 1_000_000;
            int next = failed.number + 1;
            // A nanosecond past the bound: an attempt exactly at its ceiling is on time.
            boolean came = server.expect(a -> a.size() >= next,
                    Math.max(0, (deadline - server.now()) / 1_000_000 + 1));
            if (!came) {
                s.missing = "attempt " + n + " did not come within " + wait + " ms of attempt " + (n - 1)
                        + (n == 1 ? " (the loss)" : "") + " failing (ceiling " + ceilingMs(n) + " ms + "
                        + slack + " ms slack)";
                return s;
            }
            PlayServer.Attempt arrived = server.attempts().get(next - 1);
            long failedAt = failed.endedNanos >= 0 ? failed.endedNanos : ended[0];
            s.delaysNanos.add(Math.max(0, arrived.acceptedNanos - Math.min(failedAt, arrived.acceptedNanos)));
            s.delaysMs.add(s.delaysNanos.get(s.delaysNanos.size() - 1) / 1_000_000);
            previous = arrived;
        }
        return s;
    }

    static long ceilingMs(int attempt) {
        return ClientContract.backoffCeiling(attempt).toMillis();
    }

    long ceilingOf(int index) {
        return ceilingMs(firstAttempt + index);
    }

    /** "attempt 1: 113 ms (≤ 250), attempt 2: ..." for messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < delaysMs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("#").append(firstAttempt + i).append(": ").append(delaysMs.get(i))
                    .append(" ms (ceiling ").append(ceilingOf(i)).append(")");
        }
        return sb.length() == 0 ? "no attempts" : sb.toString();
    }
}
