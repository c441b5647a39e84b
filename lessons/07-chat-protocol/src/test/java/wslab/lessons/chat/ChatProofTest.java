package wslab.lessons.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import wslab.api.LabEnvironment;
import wslab.api.LabImplementation;
import wslab.api.LabServer;
import wslab.grader.Scorecard;
import wslab.grader.Target;
import wslab.grader.targets.ServerCommandTargetKind;
import wslab.grader.targets.UrlTargetKind;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.proof.Python;

/** Lesson 07's checks, proven both ways; every mutant runs on virtual time. */
class ChatProofTest extends LessonProofTest {

    /** The checks that would meet an earlier check's rooms, seqs and (client, id) pairs on a shared server. */
    private static final String[] COLLIDING = {"07.1", "07.2", "07.3", "07.4", "07.8"};

    private static void gradeTwiceOnOneServer(LessonProof proof) throws Exception {
        LabImplementation impl = proof.catalog().implementation("07", "reference").orElseThrow();
        LabServer server = impl.newServer(LabEnvironment.system(7));
        try {
            Target url = UrlTargetKind.of(URI.create("ws://127.0.0.1:" + server.start(0) + impl.path()));
            for (int grade = 1; grade <= 2; grade++) {
                Scorecard card = proof.gradeOn(url, COLLIDING);
                assertThat(card.percent()).as("grade %d on the same server: %s", grade, card.failures()).isEqualTo(100);
            }
        } finally {
            server.close();
        }
    }

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("07").seed(7).mutantsOnSeeds(6);
        return proof
                .reference()
                // Any language is graded at a URL: one server for every check, and for the next grade too.
                .alsoOnTheRealClock("the reference at a URL passes " + String.join(", ", COLLIDING)
                        + " twice in a row on one server, the first grade's rooms and ids still there", () -> gradeTwiceOnOneServer(proof))
                .starterFails("07.3", "07.4", "07.5", "07.6", "07.7", "07.8", "07.10", "07.11", "07.12")
                .mutantsStillPass("07.1")
                .mutantServer("NO_ACK", ChatMutants.noAck(), "07.1")
                .mutantServer("ONE_SEQUENCE_FOR_ALL_ROOMS", ChatMutants.oneSequenceForAllRooms(), "07.2")
                .mutantServer("RESEND_STORED_AGAIN", ChatMutants.resendStoredAgain(), "07.3", "07.4", "07.12")
                .mutantServer("DEDUPE_BY_ID_ALONE", ChatMutants.dedupeByIdAlone(), "07.3")
                .mutantServer("DEDUPE_PER_CONNECTION", ChatMutants.dedupePerConnection(), "07.4")
                .mutantServer("NO_REPLAY", ChatMutants.noReplay(), "07.5", "07.6", "07.7")
                .mutantServer("REPLAY_FROM_SINCE_INCLUSIVE", ChatMutants.replayFromSinceInclusive(), "07.5", "07.12")
                .mutantServer("JOIN_IGNORED_WHILE_THE_OLD_CONNECTION_LIVES", ChatMutants.joinIgnoredWhileTheOldConnectionLives(), "07.6")
                .mutantServer("CURSOR_KEPT_ON_THE_SERVER", ChatMutants.cursorKeptOnTheServer(), "07.6", "07.7")
                .mutantServer("SILENT_SKIP", ChatMutants.silentSkip(), "07.8")
                .mutantServer("ONE_SEQ_PAST_THE_OLDEST", ChatMutants.oneSeqPastTheOldest(), "07.8")
                .mutantServer("ONE_DISPATCHER_FOR_ALL_ROOMS", ChatMutants.oneDispatcherForAllRooms(), "07.9")
                .mutantServer("NO_SIZE_LIMIT", ChatMutants.noSizeLimit(), "07.10")
                .mutantServer("BROADCASTS_BEFORE_REFUSING", ChatMutants.broadcastsBeforeRefusing(), "07.10")
                .mutantServer("LEAVE_IGNORED", ChatMutants.leaveIgnored(), "07.11")
                // Any language, for real: a Python server written from the README alone, a fresh one per check.
                .onlyWhen(Python::unavailableReason)
                .passesEverything("examples/python/server07.py",
                        ServerCommandTargetKind.of(Python.example("server07.py") + " " + ServerCommandTargetKind.PORT_PLACEHOLDER));
    }
}
