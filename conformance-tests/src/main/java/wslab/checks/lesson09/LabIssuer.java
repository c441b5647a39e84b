package wslab.checks.lesson09;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import wslab.api.SecurityContract;

/**
 * The lab's identity provider: the suite signs the tokens a server must accept, and forges the
 * ones it must refuse. Its private key belongs to the grader; a server holds only the public half
 * ({@link SecurityContract#ISSUER_PUBLIC_KEY_PEM}).
 */
final class LabIssuer {

    /** The private half of the contract's issuer key (PKCS#8), for the lab only. */
    private static final String PRIVATE_KEY = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgljW5HvxcHTAnEVBM9tmy"
            + "MBGlpV4miYWbBwB2ImboyD6hRANCAAR39i7DEiASlRV8R+GSZPVFo8rFbrUl5Cm2PBXNqrNc5f6TJUBLJUDcD8CXdXLjLbkH49oylrlPWYE8+RnvGak5";

    /** How long a token the checks do not mean to expire lives: well past any check. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** The lab's users: each room it is a member of, with its role. */
    static final Map<String, Map<String, String>> USERS = Map.of(
            "alice", Map.of("lobby", SecurityContract.ROLE_WRITER, "news", SecurityContract.ROLE_READER),
            "bob", Map.of("lobby", SecurityContract.ROLE_READER),
            "carol", Map.of("ops", SecurityContract.ROLE_WRITER));

    private static final Algorithm SIGNER = Algorithm.ECDSA256(SecurityContract.issuerPublicKey(), privateKey());

    private LabIssuer() {
    }

    /** A valid token for {@code user}, issued now by {@code clock}'s reckoning and good for {@link #LIFETIME}. */
    static String token(String user, Instant now) {
        return claims(user, now, now.plus(LIFETIME)).sign(SIGNER);
    }

    /** A valid token that expires at {@code expiresAt} (JWT dates are whole seconds). */
    static String tokenExpiringAt(String user, Instant now, Instant expiresAt) {
        return claims(user, now, expiresAt).sign(SIGNER);
    }

    /** The ways a token can be wrong, each one a server must refuse. */
    enum Forgery {
        EXPIRED("expired ten seconds ago"),
        OTHER_KEY("signed with a key that is not the issuer's"),
        ALG_NONE("unsigned, with \"alg\":\"none\" (RFC 8725 §2.1)"),
        HS256_WITH_PUBLIC_KEY("HS256, keyed with the issuer's public key: the algorithm-confusion attack (RFC 8725 §2.1)"),
        WRONG_AUDIENCE("for another audience (RFC 7519 §4.1.3)"),
        WRONG_ISSUER("from another issuer (RFC 7519 §4.1.1)"),
        NO_EXPIRY("without an expiry (\"exp\")");

        final String description;

        Forgery(String description) {
            this.description = description;
        }
    }

    static String forged(Forgery forgery, String user, Instant now) {
        Instant exp = now.plus(LIFETIME);
        return switch (forgery) {
            case EXPIRED -> claims(user, now.minusSeconds(70), now.minusSeconds(10)).sign(SIGNER);
            case OTHER_KEY -> claims(user, now, exp).sign(Algorithm.ECDSA256(otherKey()));
            case ALG_NONE -> claims(user, now, exp).sign(Algorithm.none());
            case HS256_WITH_PUBLIC_KEY -> claims(user, now, exp)
                    .sign(Algorithm.HMAC256(SecurityContract.ISSUER_PUBLIC_KEY_PEM.getBytes(StandardCharsets.US_ASCII)));
            case WRONG_AUDIENCE -> claims(user, now, exp).withAudience("another-service").sign(SIGNER);
            case WRONG_ISSUER -> claims(user, now, exp).withIssuer("https://id.evil.test").sign(SIGNER);
            case NO_EXPIRY -> claims(user, now, null).sign(SIGNER);
        };
    }

    private static JWTCreator.Builder claims(String user, Instant issuedAt, Instant expiresAt) {
        JWTCreator.Builder b = JWT.create()
                .withIssuer(SecurityContract.TOKEN_ISSUER)
                .withAudience(SecurityContract.TOKEN_AUDIENCE)
                .withSubject(user)
                .withIssuedAt(issuedAt)
                .withClaim(SecurityContract.ROOMS_CLAIM, Map.<String, Object>copyOf(USERS.get(user)));
        if (expiresAt != null) {
            b.withExpiresAt(expiresAt);
        }
        return b;
    }

    private static ECPrivateKey privateKey() {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(PRIVATE_KEY)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the lab issuer's key does not parse", e);
        }
    }

    private static ECPrivateKey otherKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return (ECPrivateKey) g.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
