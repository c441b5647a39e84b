package wslab.lessons.security;

import java.util.function.Function;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.SecurityContract;
import wslab.browser.HeadlessChromium;
import wslab.grader.Target;
import wslab.grader.targets.JavaServerTarget;
import wslab.grader.targets.ServerCommandTargetKind;
import wslab.reference.security.SecureChatProgram;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;

/**
 * Lesson 09's checks, proven both ways: the reference passes every check strictly (on virtual
 * time and once for real), the starter fails, and each mutant (the reference with one defence
 * undone, the seed's bugs among them) is caught by exactly the checks named.
 */
class SecurityProofTest extends LessonProofTest {

    /** A mutant graded in Chromium: on the real network and clock, where the browser is. */
    static Target inChromium(String name, Function<LabEnvironment, LabServer> factory) {
        return new JavaServerTarget("mutant " + name + " (in Chromium)", SecurityContract.PATH, factory,
                "graded in Chromium, which connects over the real loopback");
    }

    /** A server in "any language": the reference run as a program, its log on standard output. */
    static Target referenceAsAProgram() {
        String launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ServerCommandTargetKind.of(launcher + " -cp " + System.getProperty("java.class.path") + " "
                + SecureChatProgram.class.getName() + " " + ServerCommandTargetKind.PORT_PLACEHOLDER);
    }

    /** The contract's numbers, as the README states them for servers in any language. */
    static void requireTheReadmeToStateTheContract() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String publicKey = SecurityContract.ISSUER_PUBLIC_KEY_PEM.strip();
        org.assertj.core.api.Assertions.assertThat(readme)
                .contains("`wss://127.0.0.1:<port>" + SecurityContract.PATH + "`")
                .contains("TLS included: " + SecurityContract.HANDSHAKE_TIMEOUT.toSeconds() + " s")
                .contains("at most " + SecurityContract.MAX_CONNECTIONS_PER_ADDRESS + " open at once from one address")
                .contains("the allow-list is one origin, `" + SecurityContract.ALLOWED_ORIGIN + "`")
                .contains("within " + SecurityContract.AUTH_TIMEOUT.toSeconds() + " s of the 101")
                .contains("signed " + SecurityContract.TOKEN_ALGORITHM)
                .contains("`iss` = `" + SecurityContract.TOKEN_ISSUER + "`")
                .contains("`aud` = `" + SecurityContract.TOKEN_AUDIENCE + "`")
                .contains("at most " + SecurityContract.MAX_MESSAGE_BYTES + " bytes, all fragments together")
                .contains(SecurityContract.RATE_BURST + " messages at once, refilled at " + SecurityContract.RATE_PER_SECOND + " per second")
                .contains(SecurityContract.IDLE_TIMEOUT.toSeconds() + " s without a message")
                .contains("closes with " + SecurityContract.CLOSE_IDLE)
                .contains("close " + SecurityContract.CLOSE_UNSUPPORTED_DATA)
                .contains(publicKey);
        for (String code : new String[] {SecurityContract.ERROR_BAD_JSON, SecurityContract.ERROR_BAD_MESSAGE, SecurityContract.ERROR_FORBIDDEN}) {
            org.assertj.core.api.Assertions.assertThat(readme).contains("\"code\":\"" + code + "\"");
        }
    }

    @Override
    protected LessonProof proof() {
        return LessonProof.of("09").seed(9).realJobs(8)
                .browserChecks(HeadlessChromium::unavailableReason, "09.13", "09.37")
                .reference()
                .also("the README states the contract's numbers", SecurityProofTest::requireTheReadmeToStateTheContract)
                // Any language: a program the grader starts; it trusts the certificate the program prints and reads its log.
                // Two at a time: a cold JVM's first TLS handshakes, five JVMs at once on two cores, outlast the 2 s deadline.
                .realJobs(2)
                .passes("the reference run as a program", referenceAsAProgram(), "09.1", "09.6", "09.14", "09.27", "09.39")
                .realJobs(8)
                // A server that ends TCP only once the client's close frame is back, as most libraries do.
                .variantServer("WAITS_FOR_THE_CLIENTS_CLOSE_FRAME", SecurityVariants::waitsForTheClientsCloseFrame,
                        "09.15", "09.16", "09.17", "09.18", "09.25", "09.35", "09.39", "09.41", "09.44")
                .starterFails("09.6", "09.15", "09.19", "09.28", "09.32", "09.36", "09.39", "09.41", "09.43", "09.45")
                // Transport.
                .mutantServer("PLAIN_WS", SecurityMutants::plainWs, "09.1")
                .mutantServer("SERVES_PLAIN_TOO", SecurityMutants::servesPlainToo, "09.2")
                .mutantServer("AGREES_TO_DEFLATE", SecurityMutants::agreesToDeflate, "09.3")
                // Cross-site WebSocket hijacking.
                .mutantServer("ORIGIN_CHECKED_AFTER_UPGRADE", SecurityMutants::originCheckedAfterUpgrade,
                        "09.6", "09.7", "09.8", "09.9", "09.10", "09.11", "09.12")
                .mutantServer("ORIGIN_LIST_HOLDS_A_URL", SecurityMutants.origins(SecurityMutants::listHoldsAUrl), "09.4")
                .mutantServer("ORIGIN_AS_A_STRING", SecurityMutants.origins(SecurityMutants::exactString), "09.5")
                .mutantServer("ORIGIN_PREFIX_MATCH", SecurityMutants.origins(SecurityMutants::prefix), "09.9", "09.11")
                .mutantServer("ORIGIN_SUFFIX_MATCH", SecurityMutants.origins(SecurityMutants::suffix), "09.10", "09.12")
                .mutantServer("ACCEPTS_NULL_ORIGIN", SecurityMutants.origins(SecurityMutants::acceptsNull), "09.7")
                .mutantServer("ACCEPTS_MISSING_ORIGIN", SecurityMutants.origins(SecurityMutants::acceptsMissing), "09.8")
                // Authentication.
                .mutantServer("WELCOMES_IN_PLAIN_TEXT", SecurityMutants::welcomesInPlainText, "09.14")
                .mutantServer("UNAUTHENTICATED_MAY_SEND", SecurityMutants::unauthenticatedMaySend, "09.15")
                .mutantServer("CRASHES_WITHOUT_A_USER", SecurityMutants::crashesWithoutAUser, "09.15")
                .mutantServer("NO_AUTH_DEADLINE", SecurityMutants::noAuthDeadline, "09.16")
                .mutantServer("TOKEN_FROM_THE_URL", SecurityMutants::tokenFromTheUrl, "09.17")
                .mutantServer("ACCEPTS_EXPIRED", SecurityMutants.verifier(SecurityMutants::acceptsExpired), "09.18")
                .mutantServer("NO_SIGNATURE_CHECK", SecurityMutants.verifier(SecurityMutants::noSignatureCheck), "09.19", "09.20", "09.21")
                .mutantServer("ALGORITHM_FROM_THE_HEADER", SecurityMutants.verifier(SecurityMutants::algorithmFromTheHeader), "09.20", "09.21")
                .mutantServer("NO_AUDIENCE_CHECK", SecurityMutants.verifier(SecurityMutants::noAudienceCheck), "09.22")
                .mutantServer("NO_ISSUER_CHECK", SecurityMutants.verifier(SecurityMutants::noIssuerCheck), "09.23")
                .mutantServer("EXPIRY_OPTIONAL", SecurityMutants.verifier(SecurityMutants::expiryOptional), "09.24")
                .mutantServer("NEVER_EXPIRES_A_SESSION", SecurityMutants::neverExpiresASession, "09.25")
                .mutantServer("NO_RENEWAL", SecurityMutants::noRenewal, "09.26")
                .mutantServer("RENEWAL_FOR_ANY_USER", SecurityMutants::renewalForAnyUser, "09.47")
                .mutantServer("LOGS_EVERY_MESSAGE", SecurityMutants::logsEveryMessage, "09.27")
                .mutantServer("LOGS_THE_REQUEST_TARGET", SecurityMutants::logsTheRequestTarget, "09.27")
                // Authorization.
                .mutantServer("BROADCASTS_TO_EVERYONE", SecurityMutants::broadcastsToEveryone, "09.28")
                .mutantServer("NO_MEMBERSHIP_CHECK", SecurityMutants::noMembershipCheck, "09.29")
                .mutantServer("NO_ROLE_CHECK", SecurityMutants::noRoleCheck, "09.30")
                .mutantServer("AUTHORIZES_THE_FIRST_POST_ONLY", SecurityMutants::authorizesTheFirstPostOnly, "09.31")
                // Input.
                .mutantServer("UNGUARDED_PARSE", SecurityMutants::unguardedParse, "09.32", "09.33", "09.34")
                .mutantServer("LENIENT_JSON", SecurityMutants::lenientJson, "09.33")
                .mutantServer("DROPS_BAD_MESSAGES_SILENTLY", SecurityMutants::dropsBadMessagesSilently, "09.34")
                .mutantServer("IGNORES_BINARY", SecurityMutants::ignoresBinary, "09.35")
                .mutantServer("ESCAPES_ONLY_ANGLE_BRACKETS", SecurityMutants::escapesOnlyAngleBrackets, "09.36")
                // Limits.
                .mutantServer("LIMIT_TOO_SMALL", SecurityMutants::limitTooSmall, "09.38", "09.40")
                .mutantServer("SIZE_CHECKED_AFTER_BUFFERING", SecurityMutants::sizeCheckedAfterBuffering, "09.39", "09.40")
                .mutantServer("PER_FRAME_LIMIT_ONLY", SecurityMutants::perFrameLimitOnly, "09.40")
                .mutantServer("NO_RATE_LIMIT", SecurityMutants::noRateLimit, "09.41")
                .mutantServer("RATE_TOO_TIGHT", SecurityMutants::rateTooTight, "09.42")
                .mutantServer("NO_CONNECTION_CAP", SecurityMutants::noConnectionCap, "09.43")
                .mutantServer("CAP_NEVER_RELEASED", SecurityMutants::capNeverReleased, "09.43")
                .mutantServer("NO_IDLE_TIMEOUT", SecurityMutants::noIdleTimeout, "09.44")
                .mutantServer("PINGS_KEEP_IT_ALIVE", SecurityMutants::pingsKeepItAlive, "09.48")
                .mutantServer("PER_READ_TIMEOUT_ONLY", SecurityMutants::perReadTimeoutOnly, "09.45", "09.46")
                .mutantServer("DEADLINE_ENDS_AFTER_TLS", SecurityMutants::deadlineEndsAfterTls, "09.46")
                .mutantServer("SERVES_ON_THE_ACCEPT_THREAD", SecurityMutants::servesOnTheAcceptThread, "09.45", "09.46")
                // The same mistakes, seen from Chromium on the real clock.
                .onlyWhen(HeadlessChromium::unavailableReason)
                .mutant("ORIGIN_CHECKED_AFTER_UPGRADE in Chromium", inChromium("ORIGIN_CHECKED_AFTER_UPGRADE",
                        SecurityMutants::originCheckedAfterUpgrade), false, "09.13")
                .mutant("ESCAPES_ONLY_ANGLE_BRACKETS in Chromium", inChromium("ESCAPES_ONLY_ANGLE_BRACKETS",
                        SecurityMutants::escapesOnlyAngleBrackets), false, "09.37");
    }
}
