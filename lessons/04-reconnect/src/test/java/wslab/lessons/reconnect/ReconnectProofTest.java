package wslab.lessons.reconnect;

import java.nio.file.Path;

import wslab.browser.BrowserClient;
import wslab.grader.Target;
import wslab.grader.targets.ClientCommandTargetKind;
import wslab.grader.targets.JavaClientTarget;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.reference.reconnect.LineProtocolClient;

/**
 * Lesson 04's checks, proven both ways: the Java and browser references pass, the starters fail,
 * each mutant is caught by its check. Java mutants run on virtual time, where a mistake of 25 ms
 * is caught on every seed; the browser is graded in Chromium on the real clock.
 */
class ReconnectProofTest extends LessonProofTest {

    /** A browser script with one mistake, in Chromium. */
    static Target browserMutant(String script) {
        return new JavaClientTarget("browser " + script, env -> new BrowserClient(script, env.random().nextLong()),
                "a browser runs on the wall clock and the real network");
    }

    /** A client in "any language": the reference run as a program speaking the stdin/stdout protocol. */
    static Target referenceAsAProgram() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ClientCommandTargetKind.of(java + " -cp " + System.getProperty("java.class.path") + " "
                + LineProtocolClient.class.getName() + " " + ClientCommandTargetKind.URL_PLACEHOLDER + " "
                + ClientCommandTargetKind.SEED_PLACEHOLDER);
    }

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("04").seed(4).realJobs(8);
        return proof
                .reference()
                .starterFails("04.1", "04.2", "04.3", "04.5", "04.13")
                .mutantClient("QUEUE_BEFORE_SUBSCRIPTIONS", ReconnectMutants.QueueBeforeSubscriptions::new, "04.1")
                .mutantClient("SLOW_HEARTBEAT", ReconnectMutants.SlowHeartbeat::new, "04.2")
                .mutantClient("HEARTBEAT_NEVER_TIMES_OUT", ReconnectMutants.HeartbeatNeverTimesOut::new, "04.3")
                .mutantClient("TIMEOUT_SHORTER_THAN_A_ROUND_TRIP", ReconnectMutants.TimeoutShorterThanARoundTrip::new, "04.4")
                .mutantClient("NO_CAP", ReconnectMutants.NoCap::new, "04.5")
                .mutantClient("NO_JITTER", ReconnectMutants.NoJitter::new, "04.6")
                .mutantClient("NEVER_GIVES_UP", ReconnectMutants.NeverGivesUp::new, "04.7")
                .mutantClient("NO_CONNECT_TIMEOUT", ReconnectMutants.NoConnectTimeout::new, "04.8")
                .mutantClient("BACKOFF_NEVER_RESETS", ReconnectMutants.BackoffNeverResets::new, "04.9")
                .mutantClient("RESETS_ON_OPEN", ReconnectMutants.ResetsOnOpen::new, "04.10")
                .mutantClient("DOUBLE_LOOP", ReconnectMutants.DoubleLoop::new, "04.11")
                .mutantClient("SUBSCRIPTIONS_NOT_RESTORED", ReconnectMutants.SubscriptionsNotRestored::new, "04.12")
                .mutantClient("OFFLINE_SENDS_DROPPED", ReconnectMutants.OfflineSendsDropped::new, "04.13")
                .mutantClient("CLOSE_CODE_LOST", ReconnectMutants.CloseCodeLost::new, "04.14")
                .mutantClient("CLOSE_KEEPS_RECONNECTING", ReconnectMutants.CloseKeepsReconnecting::new, "04.15")
                .mutantClient("CLOSE_LEAVES_THE_RETRY_TIMER", ReconnectMutants.CloseLeavesTheRetryTimer::new, "04.16")
                .mutantClient("RESETS_ON_A_TIMER", ReconnectMutants.ResetsOnATimer::new, "04.17")
                // Mistakes the real clock's slack hides: on virtual time each is caught on every seed.
                .mutantsOnSeeds(20)
                .mutantClient("EQUAL_JITTER", ReconnectMutants.EqualJitter::new, "04.6")
                .mutantClient("FIRST_RETRY_ABOVE_ITS_CEILING", ReconnectMutants.FirstRetryAboveItsCeiling::new, "04.5")
                .mutantClient("RETRIES_ONCE_MORE_AFTER_CLOSE", ReconnectMutants.RetriesOnceMoreAfterClose::new, "04.16")
                .mutantsOnSeeds(1)
                // Any language: the stdin/stdout protocol, every verb of it.
                .passes("the reference run as a program", referenceAsAProgram(), "04.1", "04.13", "04.14", "04.15")
                // The browser lab in Chromium, on the real clock.
                .onlyWhen(wslab.browser.HeadlessChromium::unavailableReason)
                .passesEverything("browser-reference", proof.named("browser-reference"))
                .fails("browser-starter", proof.named("browser-starter"), "04.1", "04.2", "04.3", "04.5", "04.13")
                .mutantsStillPass("04.1")
                .mutant("browser NO_JITTER", browserMutant("mutant-no-jitter"), false, "04.6")
                .mutant("browser DOUBLE_LOOP", browserMutant("mutant-double-loop"), false, "04.11")
                .mutant("browser OFFLINE_SENDS_DROPPED", browserMutant("mutant-offline-sends-dropped"), false, "04.13")
                .mutant("browser NO_CONNECT_TIMEOUT", browserMutant("mutant-no-connect-timeout"), false, "04.8")
                .mutant("browser HEARTBEAT_NEVER_TIMES_OUT", browserMutant("mutant-heartbeat-never-times-out"), false, "04.3");
    }
}
