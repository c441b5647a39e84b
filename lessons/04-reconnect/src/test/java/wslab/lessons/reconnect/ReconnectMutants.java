package wslab.lessons.reconnect;

import java.net.URI;
import java.time.Duration;

import wslab.api.ClientContract;
import wslab.api.ClientEvents;
import wslab.api.LabEnvironment;
import wslab.reference.reconnect.Backoff;
import wslab.reference.reconnect.ReconnectingClient;

/**
 * Broken reconnecting clients: the reference with one decision undone each, the mistakes the
 * seed's sample code and common clients make. Public with an environment constructor, so the
 * grader can start them by class name like any learner's class.
 */
public final class ReconnectMutants {

    private ReconnectMutants() {
    }

    /** Sends the queue before the subscriptions: a message may go to a topic not yet joined. */
    public static class QueueBeforeSubscriptions extends ReconnectingClient {
        public QueueBeforeSubscriptions(LabEnvironment env) {
            super(env);
        }

        @Override
        protected boolean subscribesFirst() {
            return false;
        }
    }

    /** A heartbeat every 2 s: proxies with short idle timeouts cut the connection in between. */
    public static class SlowHeartbeat extends ReconnectingClient {
        public SlowHeartbeat(LabEnvironment env) {
            super(env);
        }

        @Override
        protected Duration heartbeatInterval() {
            return Duration.ofSeconds(2);
        }
    }

    /** Sends heartbeats but never checks that anything comes back. */
    public static class HeartbeatNeverTimesOut extends ReconnectingClient {
        public HeartbeatNeverTimesOut(LabEnvironment env) {
            super(env);
        }

        @Override
        protected Duration heartbeatTimeout() {
            return Duration.ofHours(1);
        }
    }

    /** Gives up on a link after 400 ms of silence: shorter than a slow link's round trip. */
    public static class TimeoutShorterThanARoundTrip extends ReconnectingClient {
        public TimeoutShorterThanARoundTrip(LabEnvironment env) {
            super(env);
        }

        @Override
        protected Duration heartbeatTimeout() {
            return Duration.ofMillis(400);
        }
    }

    /** Doubles without a ceiling: after an hour's outage, the next try is a day away. */
    public static class NoCap extends ReconnectingClient {
        public NoCap(LabEnvironment env) {
            super(env, new Backoff(env.random()) {
                @Override
                protected Duration ceiling(int attempt) {
                    return ClientContract.BACKOFF_BASE.multipliedBy(1L << (attempt - 1));
                }
            });
        }
    }

    /** Exponential and capped, but every client waits exactly as long: a synchronised storm. */
    public static class NoJitter extends ReconnectingClient {
        public NoJitter(LabEnvironment env) {
            super(env);
        }

        @Override
        protected Duration delayBefore(int attempt) {
            return ClientContract.backoffCeiling(attempt);
        }
    }

    public static class NeverGivesUp extends ReconnectingClient {
        public NeverGivesUp(LabEnvironment env) {
            super(env);
        }

        @Override
        protected boolean givesUpAfter(int failuresInARow) {
            return false;
        }
    }

    /** Trusts the OS to time out a connect: on a black-holed link it waits for ever. */
    public static class NoConnectTimeout extends ReconnectingClient {
        public NoConnectTimeout(LabEnvironment env) {
            super(env);
        }

        @Override
        protected Duration connectTimeout() {
            return null;
        }
    }

    /** Never resets the count: after one bad night, every later drop waits at the cap and soon gives up. */
    public static class BackoffNeverResets extends ReconnectingClient {
        public BackoffNeverResets(LabEnvironment env) {
            super(env);
        }

        @Override
        protected void stayedUp() {
        }
    }

    /** Resets the count as soon as a connection opens: a server that accepts and drops is hammered. */
    public static class ResetsOnOpen extends ReconnectingClient {
        public ResetsOnOpen(LabEnvironment env) {
            super(env);
        }

        @Override
        protected Duration stableAfter() {
            return Duration.ZERO;
        }
    }

    /** Reconnects on every report of a failure: onerror and onclose each start a loop. */
    public static class DoubleLoop extends ReconnectingClient {
        public DoubleLoop(LabEnvironment env) {
            super(env);
        }

        @Override
        protected boolean runsOneLoop() {
            return false;
        }
    }

    /** Subscribes once, on the first connection: after a reconnect the feed is silent. */
    public static class SubscriptionsNotRestored extends ReconnectingClient {
        public SubscriptionsNotRestored(LabEnvironment env) {
            super(env);
        }

        @Override
        protected boolean restoresSubscriptions() {
            return false;
        }
    }

    /** send() while offline goes nowhere, as ws.send on a closed browser socket does. */
    public static class OfflineSendsDropped extends ReconnectingClient {
        public OfflineSendsDropped(LabEnvironment env) {
            super(env);
        }

        @Override
        protected void whileOffline(String text) {
        }
    }

    /** Tells the application 1006 whatever the server said. */
    public static class CloseCodeLost extends ReconnectingClient {
        public CloseCodeLost(LabEnvironment env) {
            super(env);
        }

        @Override
        protected void reportClosed(ClientEvents events, int code, String reason) {
            events.closed(1006, "");
        }
    }

    /** close() closes the socket, and the close handler, not told why, reconnects. */
    public static class CloseKeepsReconnecting extends ReconnectingClient {
        public CloseKeepsReconnecting(LabEnvironment env) {
            super(env);
        }

        @Override
        protected void stop() {
            closeCurrent();
        }
    }

    /** close() closes the socket, but the retry already waiting in its backoff delay still fires. */
    public static class CloseLeavesTheRetryTimer extends ReconnectingClient {
        public CloseLeavesTheRetryTimer(LabEnvironment env) {
            super(env);
        }

        @Override
        protected void cancelPendingAttempt() {
        }
    }

    /** Resets the count on a timer once a connection has been open 1 s (the old Hint 3): silence is not proof of life. */
    public static class ResetsOnATimer extends ReconnectingClient {
        public ResetsOnATimer(LabEnvironment env) {
            super(env);
        }

        @Override
        protected boolean provesStable(Duration openFor, boolean heardSinceStableAfter) {
            return openFor.compareTo(stableAfter()) >= 0;
        }
    }

    /** Reconnects only when the close was not clean (the seed's `if (!event.wasClean)`): a server going away is never come back to. */
    public static class ReconnectsOnlyWhenUnclean extends ReconnectingClient {
        public ReconnectsOnlyWhenUnclean(LabEnvironment env) {
            super(env);
        }

        @Override
        protected boolean reconnectsAfter(int closeCode) {
            return closeCode == 1006;
        }
    }

    /** Jitter that never reaches above half the ceiling: it spreads clients, over half the window. */
    public static class LowerHalfJitter extends ReconnectingClient {
        private final LabEnvironment env;

        public LowerHalfJitter(LabEnvironment env) {
            super(env);
            this.env = env;
        }

        @Override
        protected Duration delayBefore(int attempt) {
            long ceiling = ClientContract.backoffCeiling(attempt).toMillis();
            return Duration.ofMillis(env.random().nextLong(ceiling / 2 + 1));
        }
    }

    /** No randomness at all, at a fraction of the ceiling that some delays of full jitter land below. */
    public static class FixedFraction extends ReconnectingClient {
        public FixedFraction(LabEnvironment env) {
            super(env);
        }

        @Override
        protected Duration delayBefore(int attempt) {
            return Duration.ofMillis(ClientContract.backoffCeiling(attempt).toMillis() * 2 / 5);
        }
    }

    /** Equal jitter: half the ceiling plus a random half. Spreads clients far less than full jitter. */
    public static class EqualJitter extends ReconnectingClient {
        private final LabEnvironment env;

        public EqualJitter(LabEnvironment env) {
            super(env);
            this.env = env;
        }

        @Override
        protected Duration delayBefore(int attempt) {
            long ceiling = ClientContract.backoffCeiling(attempt).toMillis();
            return Duration.ofMillis(ceiling / 2 + env.random().nextLong(ceiling / 2 + 1));
        }
    }

    /**
     * The first retry waits the base delay plus jitter, 1 to 100 ms past its 250 ms ceiling: well
     * inside the real clock's slack, so only virtual time, where bounds are exact, sees it every time.
     */
    public static class FirstRetryAboveItsCeiling extends ReconnectingClient {
        private final LabEnvironment env;

        public FirstRetryAboveItsCeiling(LabEnvironment env) {
            super(env);
            this.env = env;
        }

        @Override
        protected Duration delayBefore(int attempt) {
            return attempt == 1 ? ClientContract.BACKOFF_BASE.plusMillis(1 + env.random().nextLong(100)) : super.delayBefore(attempt);
        }
    }

    /**
     * close() during a backoff delay cancels the waiting retry, then tries once more 25 ms later
     * "to flush the queue": inside the real clock's 30 ms grace, caught on virtual time every time.
     */
    public static class RetriesOnceMoreAfterClose extends ReconnectingClient {
        private URI url;
        private ClientEvents events;
        /** A retry is waiting out its delay: set when one is scheduled, cleared when an attempt starts. */
        private boolean retryPending;

        public RetriesOnceMoreAfterClose(LabEnvironment env) {
            super(env);
        }

        @Override
        public void start(URI url, ClientEvents events) {
            this.url = url;
            this.events = events;
            super.start(url, events);
        }

        @Override
        protected Duration delayBefore(int retry) {
            retryPending = true;
            return super.delayBefore(retry);
        }

        @Override
        protected Duration connectTimeout() {
            retryPending = false;
            return super.connectTimeout();
        }

        @Override
        protected void cancelPendingAttempt() {
            super.cancelPendingAttempt();
            if (retryPending) {
                loop().schedule(Duration.ofMillis(25), () -> super.start(url, events));
            }
        }
    }
}
