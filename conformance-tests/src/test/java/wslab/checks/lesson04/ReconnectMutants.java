package wslab.checks.lesson04;

import java.time.Duration;
import java.util.SplittableRandom;

import wslab.api.ClientContract;
import wslab.api.ClientEvents;
import wslab.reference.reconnect.Backoff;
import wslab.reference.reconnect.ReconnectingClient;

/**
 * Broken reconnecting clients: the reference with one decision undone each, the mistakes the
 * seed's sample code and common clients make. Public with a seed constructor, so the grader
 * can start them by class name like any learner's class.
 */
public final class ReconnectMutants {

    private ReconnectMutants() {
    }

    /** Sends the queue before the subscriptions: a message may go to a topic not yet joined. */
    public static class QueueBeforeSubscriptions extends ReconnectingClient {
        public QueueBeforeSubscriptions(long seed) {
            super(seed);
        }

        @Override
        protected boolean subscribesFirst() {
            return false;
        }
    }

    /** A heartbeat every 2 s: proxies with short idle timeouts cut the connection in between. */
    public static class SlowHeartbeat extends ReconnectingClient {
        public SlowHeartbeat(long seed) {
            super(seed);
        }

        @Override
        protected Duration heartbeatInterval() {
            return Duration.ofSeconds(2);
        }
    }

    /** Sends heartbeats but never checks that anything comes back. */
    public static class HeartbeatNeverTimesOut extends ReconnectingClient {
        public HeartbeatNeverTimesOut(long seed) {
            super(seed);
        }

        @Override
        protected Duration heartbeatTimeout() {
            return Duration.ofHours(1);
        }
    }

    /** Gives up on a link after 400 ms of silence: shorter than a slow link's round trip. */
    public static class TimeoutShorterThanARoundTrip extends ReconnectingClient {
        public TimeoutShorterThanARoundTrip(long seed) {
            super(seed);
        }

        @Override
        protected Duration heartbeatTimeout() {
            return Duration.ofMillis(400);
        }
    }

    /** Doubles without a ceiling: after an hour's outage, the next try is a day away. */
    public static class NoCap extends ReconnectingClient {
        public NoCap(long seed) {
            super(new Backoff(new SplittableRandom(seed)) {
                @Override
                protected Duration ceiling(int attempt) {
                    return ClientContract.BACKOFF_BASE.multipliedBy(1L << (attempt - 1));
                }
            });
        }
    }

    /** Exponential and capped, but every client waits exactly as long: a synchronised storm. */
    public static class NoJitter extends ReconnectingClient {
        public NoJitter(long seed) {
            super(seed);
        }

        @Override
        protected Duration delayBefore(int attempt) {
            return ClientContract.backoffCeiling(attempt);
        }
    }

    public static class NeverGivesUp extends ReconnectingClient {
        public NeverGivesUp(long seed) {
            super(seed);
        }

        @Override
        protected boolean givesUpAfter(int failuresInARow) {
            return false;
        }
    }

    /** Trusts the OS to time out a connect: on a black-holed link it waits for ever. */
    public static class NoConnectTimeout extends ReconnectingClient {
        public NoConnectTimeout(long seed) {
            super(seed);
        }

        @Override
        protected Duration connectTimeout() {
            return null;
        }
    }

    /** Never resets the count: after one bad night, every later drop waits at the cap and soon gives up. */
    public static class BackoffNeverResets extends ReconnectingClient {
        public BackoffNeverResets(long seed) {
            super(seed);
        }

        @Override
        protected void stayedUp() {
        }
    }

    /** Resets the count as soon as a connection opens: a server that accepts and drops is hammered. */
    public static class ResetsOnOpen extends ReconnectingClient {
        public ResetsOnOpen(long seed) {
            super(seed);
        }

        @Override
        protected Duration stableAfter() {
            return Duration.ZERO;
        }
    }

    /** Reconnects on every report of a failure: onerror and onclose each start a loop. */
    public static class DoubleLoop extends ReconnectingClient {
        public DoubleLoop(long seed) {
            super(seed);
        }

        @Override
        protected boolean runsOneLoop() {
            return false;
        }
    }

    /** Subscribes once, on the first connection: after a reconnect the feed is silent. */
    public static class SubscriptionsNotRestored extends ReconnectingClient {
        public SubscriptionsNotRestored(long seed) {
            super(seed);
        }

        @Override
        protected boolean restoresSubscriptions() {
            return false;
        }
    }

    /** send() while offline goes nowhere, as ws.send on a closed browser socket does. */
    public static class OfflineSendsDropped extends ReconnectingClient {
        public OfflineSendsDropped(long seed) {
            super(seed);
        }

        @Override
        protected void whileOffline(String text) {
        }
    }

    /** Tells the application 1006 whatever the server said. */
    public static class CloseCodeLost extends ReconnectingClient {
        public CloseCodeLost(long seed) {
            super(seed);
        }

        @Override
        protected void reportClosed(ClientEvents events, int code, String reason) {
            events.closed(1006, "");
        }
    }

    /** close() closes the socket, and the close handler, not told why, reconnects. */
    public static class CloseKeepsReconnecting extends ReconnectingClient {
        public CloseKeepsReconnecting(long seed) {
            super(seed);
        }

        @Override
        protected void stop() {
            closeCurrent();
        }
    }

    /** close() closes the socket, but the retry already waiting in its backoff delay still fires. */
    public static class CloseLeavesTheRetryTimer extends ReconnectingClient {
        public CloseLeavesTheRetryTimer(long seed) {
            super(seed);
        }

        @Override
        protected void cancelPendingAttempt() {
        }
    }
}
