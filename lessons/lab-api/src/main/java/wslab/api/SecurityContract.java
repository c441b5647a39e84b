package wslab.api;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lesson 09's contract: a chat server that the suite attacks, in numbers and message formats.
 * The reference, the starter and the checks read them from here; the lesson's README states the
 * same values for servers written in any language (a test compares them).
 *
 * <pre>
 *  TCP accept ─▶ TLS 1.2/1.3 ─▶ HTTP upgrade, Origin checked ─▶ 101 ─▶ {"type":"auth","token":JWT}
 *  └──────── all within 2 s (else dropped) ────────┘  (else 403)    └── within 2 s (else 1008) ──┘
 *                                                          ─▶ {"type":"welcome"} ─▶ posts, each one authorized
 * </pre>
 *
 * Messages are JSON text, compared as JSON values; a client ignores members it does not know.
 */
public final class SecurityContract {

    /** The endpoint's path: {@code wss://127.0.0.1:<port>/secure}. TLS only on that port. */
    public static final String PATH = "/secure";

    /** The one origin whose pages may open the socket (RFC 6454 equality: scheme, host, port). */
    public static final String ALLOWED_ORIGIN = "https://chat.wslab.test";

    /** From TCP accept to the end of the request head, TLS handshake included; past it the connection is dropped. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    /** From the 101 to the auth message; past it the server closes with {@link #CLOSE_POLICY}. */
    public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(2);
    /** A connection on which no frame at all has arrived for this long is closed with {@link #CLOSE_IDLE}. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    /** The largest message (all its fragments together), in bytes; a larger one is closed with {@link #CLOSE_TOO_BIG}. */
    public static final int MAX_MESSAGE_BYTES = 8192;
    /** A token bucket per connection: this many messages at once ... */
    public static final int RATE_BURST = 20;
    /** ... refilled at this many per second; a message with the bucket empty closes with {@link #CLOSE_POLICY}. */
    public static final int RATE_PER_SECOND = 10;
    /** Open connections from one address at once, counted from TCP accept; one more is closed before any 101. */
    public static final int MAX_CONNECTIONS_PER_ADDRESS = 5;

    /** RFC 6455 §7.4.1: a message that violates the server's policy (credentials, rate). */
    public static final int CLOSE_POLICY = 1008;
    /** RFC 6455 §7.4.1: a message too big to process. */
    public static final int CLOSE_TOO_BIG = 1009;
    /** RFC 6455 §7.4.1: a type of data the server cannot accept (this chat takes text only). */
    public static final int CLOSE_UNSUPPORTED_DATA = 1003;
    /** RFC 6455 §7.4.1: going away, for an idle connection (as lesson 03's silent peer). */
    public static final int CLOSE_IDLE = 1001;

    /** The token's signature algorithm (RFC 7518 §3.4); every other {@code alg}, {@code none} first, is refused. */
    public static final String TOKEN_ALGORITHM = "ES256";
    /** The token's {@code iss} (RFC 7519 §4.1.1). */
    public static final String TOKEN_ISSUER = "https://id.wslab.test";
    /** The token's {@code aud} (RFC 7519 §4.1.3): this chat service. */
    public static final String TOKEN_AUDIENCE = "wslab-chat";
    /** The claim that maps each room the user is a member of to its role. */
    public static final String ROOMS_CLAIM = "rooms";
    /** A role that may read a room and post to it. */
    public static final String ROLE_WRITER = "writer";
    /** A role that may read a room, never post to it. */
    public static final String ROLE_READER = "reader";

    /**
     * The issuer's public key (EC P-256, X.509 SubjectPublicKeyInfo), the only key a token may be
     * signed with. The grader holds the private half; a server needs only this one.
     */
    public static final String ISSUER_PUBLIC_KEY_PEM = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEd/YuwxIgEpUVfEfhkmT1RaPKxW61
            JeQptjwVzaqzXOX+kyVASyVA3A/Al3Vy4y25B+PaMpa5T1mBPPkZ7xmpOQ==
            -----END PUBLIC KEY-----
            """;

    // Error codes, the "code" of {"type":"error"}.
    /** Not JSON at all (RFC 8259), JavaScript object literals included. */
    public static final String ERROR_BAD_JSON = "bad-json";
    /** JSON, but not a message of this contract: an unknown type, a missing member, a wrong type. */
    public static final String ERROR_BAD_MESSAGE = "bad-message";
    /** A post the sender's token does not allow: a room it is not in, or one it only reads. */
    public static final String ERROR_FORBIDDEN = "forbidden";

    /** The message types. */
    public static final String AUTH = "auth";
    public static final String WELCOME = "welcome";
    public static final String POST = "post";
    public static final String MESSAGE = "message";
    public static final String ERROR = "error";

    private SecurityContract() {
    }

    /** {@link #ISSUER_PUBLIC_KEY_PEM} as a key. */
    public static ECPublicKey issuerPublicKey() {
        String base64 = ISSUER_PUBLIC_KEY_PEM.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the contract's public key does not parse", e);
        }
    }

    /** {@code {"type":"auth","token":"<JWT>"}}: the first message, and again to renew the token. */
    public static String auth(String token) {
        return object(AUTH).put("token", token).toString();
    }

    /** {@code {"type":"post","room":"lobby","text":"hi"}} */
    public static String post(String room, String text) {
        return object(POST).put("room", room).put("text", text).toString();
    }

    /** {@code {"type":"welcome","user":"alice"}}: the answer to a valid auth message. */
    public static String welcome(String user) {
        return object(WELCOME).put("user", user).toString();
    }

    /**
     * {@code {"type":"message","room":"lobby","from":"alice","text":"hi","html":"hi"}}: a post as
     * every member of its room receives it, the sender included. {@code html} is {@code text}
     * escaped for HTML: the five characters {@code & < > " '} as character references, so that
     * a page may put it into element content or a quoted attribute value and it stays text.
     */
    public static String message(String room, String from, String text, String html) {
        return object(MESSAGE).put("room", room).put("from", from).put("text", text).put("html", html).toString();
    }

    /** {@code {"type":"error","code":"forbidden","reason":"..."}}; {@code reason} is free text for people. */
    public static String error(String code, String reason) {
        return object(ERROR).put("code", code).put("reason", reason).toString();
    }

    /** A server message parsed, if {@code text} is a JSON object with a string {@code type}. */
    public static Optional<JsonNode> parse(String text) {
        return JsonMessages.parse(text).filter(JsonNode::isObject).filter(n -> n.path("type").isTextual());
    }

    /** The {@code type} of a JSON message, or empty. */
    public static Optional<String> typeOf(String text) {
        return parse(text).map(n -> n.path("type").textValue());
    }

    /**
     * Whether {@code received} has {@code expected}'s type and every member {@code expected} has,
     * each equal as a JSON value; other members are allowed (a client ignores what it does not know).
     */
    public static boolean matches(String received, String expected) {
        Optional<JsonNode> got = parse(received);
        Optional<JsonNode> want = parse(expected);
        if (got.isEmpty() || want.isEmpty()) {
            return false;
        }
        for (var it = want.get().fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().equals(got.get().get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode object(String type) {
        return JsonMessages.JSON.createObjectNode().put("type", type);
    }
}
