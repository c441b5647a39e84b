package wslab.lessons.chat;

import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;

/** Lesson 07's checks, proven both ways; every mutant runs on virtual time. */
class ChatProofTest extends LessonProofTest {

    @Override
    protected LessonProof proof() {
        return LessonProof.of("07").seed(7).mutantsOnSeeds(6)
                .reference()
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
                .mutantServer("ONE_DISPATCHER_FOR_ALL_ROOMS", ChatMutants.oneDispatcherForAllRooms(), "07.9")
                .mutantServer("NO_SIZE_LIMIT", ChatMutants.noSizeLimit(), "07.10")
                .mutantServer("BROADCASTS_BEFORE_REFUSING", ChatMutants.broadcastsBeforeRefusing(), "07.10")
                .mutantServer("LEAVE_IGNORED", ChatMutants.leaveIgnored(), "07.11");
    }
}
