package wslab.reference.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import wslab.api.SecurityContract;

/**
 * Verifies lesson 09's tokens with java-jwt (RFC 7519, RFC 8725): the algorithm is fixed by the
 * server, never taken from the token's header (so {@code none} and an HS256 token signed with the
 * public key both fail); the issuer, the audience and an expiry are required. The clock is the
 * environment's, so a token expires on virtual time too.
 */
public class TokenVerifier {

    /** A token that does not verify, and why, in words safe to log (never the token). */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    private final JWTVerifier verifier;

    public TokenVerifier(Clock clock) {
        this.verifier = rules().build(clock);
    }

    /** What a token must satisfy; a broken variant loosens one rule. */
    protected JWTVerifier.BaseVerification rules() {
        return (JWTVerifier.BaseVerification) JWT.require(Algorithm.ECDSA256(SecurityContract.issuerPublicKey(), null))
                .withIssuer(SecurityContract.TOKEN_ISSUER)
                .withAudience(SecurityContract.TOKEN_AUDIENCE)
                .withClaimPresence("exp")
                .withClaimPresence("sub");
    }

    public Identity verify(String token) throws Refused {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new Refused("the token has expired");
        } catch (SignatureVerificationException e) {
            throw new Refused("the token's signature does not verify");
        } catch (AlgorithmMismatchException e) {
            throw new Refused("the token is not signed with " + SecurityContract.TOKEN_ALGORITHM);
        } catch (MissingClaimException e) {
            throw new Refused("the token has no '" + e.getClaimName() + "'");
        } catch (IncorrectClaimException e) {
            throw new Refused("the token's '" + e.getClaimName() + "' is not this service's");
        } catch (JWTDecodeException e) {
            throw new Refused("not a JWT");
        } catch (JWTVerificationException e) {
            throw new Refused("the token does not verify");
        }
        return new Identity(jwt.getSubject(), rooms(jwt), jwt.getExpiresAtAsInstant());
    }

    /** The rooms claim, keeping only string roles; anything else in it grants nothing. */
    protected static Map<String, String> rooms(DecodedJWT jwt) {
        Map<String, Object> claim;
        try {
            claim = jwt.getClaim(SecurityContract.ROOMS_CLAIM).asMap();
        } catch (JWTDecodeException e) {
            return Map.of();
        }
        Map<String, String> rooms = new LinkedHashMap<>();
        if (claim != null) {
            claim.forEach((room, role) -> {
                if (role instanceof String r) {
                    rooms.put(room, r);
                }
            });
        }
        return rooms;
    }
}
