package wslab.lessons.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import wslab.checks.lesson07.ChatSoak;
import wslab.grader.Stage;
import wslab.grader.Target;
import wslab.grader.targets.ServerCommandTargetKind;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.proof.Python;

/**
 * Lesson 14's checks, proven both ways. On virtual time the server runs in a simulated process and
 * a kill stops it there; on the real clock the reference runs in a child JVM and is killed with
 * SIGKILL. Mutants run on virtual time.
 */
class RecoveryProofTest extends LessonProofTest {

    /** How many times the kill test kills the reference. */
    static final int KILLS = 20;

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("14").seed(14).timeoutMillis(3000).mutantsOnSeeds(3);
        return proof
                .reference()
                .starterFails("14.1", "14.2", "14.3", "14.4", "14.5")
                .mutantRestartableServer("IN_MEMORY_LOG", RecoveryMutants.inMemoryLog(), "14.1", "14.2", "14.3")
                .mutantRestartableServer("ACK_BEFORE_COMMIT", RecoveryMutants.ackBeforeCommit(), "14.1", "14.5")
                .mutantRestartableServer("DEDUPE_NOT_DURABLE", RecoveryMutants.dedupeNotDurable(), "14.3")
                .mutantRestartableServer("SEQ_RESTARTS_AT_ONE", RecoveryMutants.seqRestartsAtOne(), "14.2")
                .mutantRestartableServer("REPLAY_FROM_A_CACHE_FILLED_SINCE_START",
                        RecoveryMutants.replayFromACacheFilledSinceStart(), "14.4")
                .also("the reference, killed " + KILLS + " times at random moments under traffic, loses no acknowledged message",
                        () -> killRepeatedly(proof, proof.named("reference"), Stage.simulated(1414)))
                // The same with real processes: a child JVM ended by SIGKILL wherever it is, inside a
                // commit included, which a simulated kill (at the points where threads wait) never hits.
                .alsoOnTheRealClock("the reference in a child JVM, killed " + KILLS + " times with SIGKILL under traffic,"
                        + " loses no acknowledged message", () -> killRepeatedly(proof, proof.named("reference"), Stage.real()))
                // Any language, for real: a Python server written from the README alone, killed with SIGKILL.
                .onlyWhen(Python::unavailableReason)
                .passesEverything("examples/python/server14.py", ServerCommandTargetKind.of(Python.example("server14.py")
                        + " " + ServerCommandTargetKind.PORT_PLACEHOLDER + " " + ServerCommandTargetKind.DATA_DIR_PLACEHOLDER));
    }

    /** A soak of 6 clients whose server is killed {@link #KILLS} times; nothing acknowledged may be missing at the end. */
    private static void killRepeatedly(LessonProof proof, Target reference, Stage world) throws Exception {
        List<String> log = new ArrayList<>();
        try (Stage stage = world) {
            Target.Session session = reference.open(stage, proof.lesson(), 1414, log::add);
            try {
                int port = session.serverUrl().getPort();
                ChatSoak.Settings settings = ChatSoak.Settings.of(6, 1200).withRooms(3).withFaults(false).withKills(KILLS)
                        .withPace(Duration.ofMillis(30)).withDeadline(Duration.ofMinutes(5));
                ChatSoak.Result r = ChatSoak.runWithKills(stage.environment(7), name -> stage.faults().link(name, "127.0.0.1", port),
                        session.serverUrl(), settings, 1414, log::add, session.restartable().orElseThrow());
                System.out.println("kill test (" + stage.describe() + "): " + r.summaryLine() + "; " + r.kills() + " kills, " + r.killsMidTraffic()
                        + " while messages flowed; " + r.acked() + " of 1200 acknowledged; " + r.reconnects() + " reconnects");
                if (!r.clean() || r.kills() != KILLS || r.killsMidTraffic() != KILLS || r.acked() != 1200) {
                    throw new AssertionError(r.summaryLine() + ", " + r.kills() + " kills (" + r.killsMidTraffic()
                            + " while messages flowed), " + r.acked() + " of 1200 acknowledged: "
                            + r.problems() + "\n" + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
                }
            } finally {
                session.close();
            }
        }
    }
}
