package wslab.lessons.security;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Scheduled;
import wslab.api.SecurityContract;
import wslab.api.TcpConnection;
import wslab.reference.frames.Frame;
import wslab.reference.frames.FrameReader;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.HttpRequestHead;
import wslab.reference.security.ChatMessages;
import wslab.reference.security.ClientMessage;
import wslab.reference.security.Identity;
import wslab.reference.security.OriginPolicy;
import wslab.reference.security.RateLimit;
import wslab.reference.security.SecureChatServer;
import wslab.reference.security.SecureChatSession;
import wslab.reference.security.TokenVerifier;

/**
 * Broken chat servers: lesson 09's reference with one defence undone each. Among them the seed
 * answer's own bugs: the Origin checked after the upgrade, the token read from the URL, a parse
 * or a missing user that crashes the connection, an unauthenticated client that may send, the
 * size checked after the message is buffered, and escaping that knows only {@code <} and {@code >}.
 */
final class SecurityMutants {

    private SecurityMutants() {
    }

    /** What makes a session; a mutant replaces the reference's. */
    @FunctionalInterface
    interface Sessions {
        SecureChatSession make(InputStream in, OutputStream out, TcpConnection connection, String peer, HttpRequestHead request,
                               SecureChatServer server);
    }

    /** The reference with its sessions made by {@code sessions}. */
    static Function<LabEnvironment, LabServer> sessions(Sessions sessions) {
        return env -> new SecureChatServer(env) {
            @Override
            protected SecureChatSession newSession(InputStream in, OutputStream out, TcpConnection connection, String peer,
                                                   HttpRequestHead request) {
                return sessions.make(in, out, connection, peer, request, this);
            }
        };
    }

    // ---- transport ---------------------------------------------------------------------------

    /** No TLS at all: ws:// where wss:// was promised. */
    static LabServer plainWs(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected TcpConnection transport(TcpConnection accepted) {
                return accepted;
            }
        };
    }

    /** TLS for clients that start a handshake, and plain HTTP for those that do not: the port serves in the clear too. */
    static LabServer servesPlainToo(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected TcpConnection transport(TcpConnection accepted) throws IOException {
                Peeked peeked = new Peeked(accepted);
                return peeked.first() == 'G' ? peeked : super.transport(peeked);
            }
        };
    }

    /** Agrees to permessage-deflate when offered (and would compress tokens next to an attacker's text). */
    static LabServer agreesToDeflate(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected HandshakeNegotiator newNegotiator(OriginPolicy origins) {
                return new OriginCheckingNegotiator(origins) {
                    @Override
                    protected String selectExtensions(List<String> offered) {
                        return offered.stream().anyMatch(o -> o.startsWith("permessage-deflate")) ? "permessage-deflate" : null;
                    }
                };
            }
        };
    }

    // ---- origins -----------------------------------------------------------------------------

    static Function<LabEnvironment, LabServer> origins(Function<String, OriginPolicy> policy) {
        return env -> new SecureChatServer(env) {
            @Override
            protected OriginPolicy newOriginPolicy() {
                return policy.apply(SecurityContract.ALLOWED_ORIGIN);
            }
        };
    }

    /** The seed's bug: every upgrade gets 101, and a foreign Origin is closed with 1008 afterwards. */
    static LabServer originCheckedAfterUpgrade(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected OriginPolicy newOriginPolicy() {
                return new OriginPolicy(SecurityContract.ALLOWED_ORIGIN) {
                    @Override
                    public boolean allows(Optional<String> origin) {
                        return true;
                    }
                };
            }

            @Override
            protected SecureChatSession newSession(InputStream in, OutputStream out, TcpConnection connection, String peer,
                                                   HttpRequestHead request) {
                return new SecureChatSession(in, out, connection, peer, this) {
                    @Override
                    public void run() throws IOException {
                        if (!new OriginPolicy(SecurityContract.ALLOWED_ORIGIN).allows(request.field("origin"))) {
                            fail(SecurityContract.CLOSE_POLICY, "invalid origin");
                        }
                        super.run();
                    }
                };
            }
        };
    }

    /** The allow-list holds a URL (a trailing slash), not an origin: no Origin field ever matches it. */
    static OriginPolicy listHoldsAUrl(String allowed) {
        return new OriginPolicy(allowed) {
            @Override
            public boolean allows(Optional<String> origin) {
                return origin.map((allowed + "/")::equals).orElse(false);
            }
        };
    }

    /** Compares the Origin field as a string: the same origin spelt another way is refused. */
    static OriginPolicy exactString(String allowed) {
        return new OriginPolicy(allowed) {
            @Override
            public boolean allows(Optional<String> origin) {
                return origin.map(allowed::equals).orElse(false);
            }
        };
    }

    /** startsWith: https://chat.wslab.test.evil.test and :8443 pass. */
    static OriginPolicy prefix(String allowed) {
        return new OriginPolicy(allowed) {
            @Override
            public boolean allows(Optional<String> origin) {
                return origin.map(o -> o.toLowerCase().startsWith(allowed)).orElse(false);
            }
        };
    }

    /** endsWith the host: https://evilchat.wslab.test and http:// pass. */
    static OriginPolicy suffix(String allowed) {
        return new OriginPolicy(allowed) {
            @Override
            public boolean allows(Optional<String> origin) {
                return origin.map(o -> o.toLowerCase().replaceFirst(":443$", "").endsWith("chat.wslab.test")).orElse(false);
            }
        };
    }

    /** Takes "null" for local development, and leaves it in. */
    static OriginPolicy acceptsNull(String allowed) {
        return new OriginPolicy(allowed) {
            @Override
            protected boolean allowsNull() {
                return true;
            }
        };
    }

    /** Treats a request without Origin as a trusted non-browser client. */
    static OriginPolicy acceptsMissing(String allowed) {
        return new OriginPolicy(allowed) {
            @Override
            protected boolean allowsMissing() {
                return true;
            }
        };
    }

    // ---- authentication ----------------------------------------------------------------------

    /** The seed's bug: the token is taken from ?token= in the URL, and the connection is signed in by it. */
    static LabServer tokenFromTheUrl(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            public void run() throws IOException {
                String target = request.target();
                int at = target.indexOf("token=");
                if (at >= 0) {
                    authenticate(target.substring(at + "token=".length()).split("&")[0]);
                }
                super.run();
            }
        }).apply(env);
    }

    /** The seed's bug: a client that never authenticated may post, as "anonymous". */
    static LabServer unauthenticatedMaySend(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void beforeAuth(ClientMessage m) {
                if (m instanceof ClientMessage.Post p) {
                    String message = messageFor(p.room(), "anonymous", p.text());
                    recipients(p.room()).forEach(s -> s.deliver(message));
                }
            }
        }).apply(env);
    }

    /** The seed's bug: reads the user of a connection that has none (ws.user.role), and the connection dies with the exception. */
    static LabServer crashesWithoutAUser(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void beforeAuth(ClientMessage m) throws IOException {
                if (m instanceof ClientMessage.Post p) {
                    post(p);
                }
            }
        }).apply(env);
    }

    /** The seed's welcome, 'Authentication successful!', as plain text: a client cannot parse it as the contract's JSON. */
    static LabServer welcomesInPlainText(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void send(String text) throws IOException {
                super.send(SecurityContract.typeOf(text).filter(SecurityContract.WELCOME::equals).isPresent()
                        ? "Authentication successful!" : text);
            }
        }).apply(env);
    }

    static LabServer noAuthDeadline(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected Duration authTimeout() {
                return Duration.ofHours(1);
            }
        }).apply(env);
    }

    /** A verifier built from {@code rules}, and sessions that do not expire (so a loosened token is not closed at once). */
    static Function<LabEnvironment, LabServer> verifier(Function<LabEnvironment, TokenVerifier> verifier) {
        return env -> new SecureChatServer(env) {
            @Override
            protected TokenVerifier newTokenVerifier() {
                return verifier.apply(env);
            }

            @Override
            protected SecureChatSession newSession(InputStream in, OutputStream out, TcpConnection connection, String peer,
                                                   HttpRequestHead request) {
                return new SecureChatSession(in, out, connection, peer, this) {
                    @Override
                    protected void expireAt(Identity id) {
                    }
                };
            }
        };
    }

    /** An hour of leeway on exp: an expired token still signs in. */
    static TokenVerifier acceptsExpired(LabEnvironment env) {
        return new TokenVerifier(env.clock()) {
            @Override
            protected JWTVerifier.BaseVerification rules() {
                return (JWTVerifier.BaseVerification) super.rules().acceptExpiresAt(3600);
            }
        };
    }

    /** Decodes the token and believes it: no signature is checked. */
    static TokenVerifier noSignatureCheck(LabEnvironment env) {
        return new TokenVerifier(env.clock()) {
            @Override
            public Identity verify(String token) throws Refused {
                try {
                    DecodedJWT jwt = JWT.decode(token);
                    return new Identity(jwt.getSubject(), rooms(jwt), jwt.getExpiresAtAsInstant());
                } catch (JWTVerificationException e) {
                    throw new Refused("not a JWT");
                }
            }
        };
    }

    /** Takes the algorithm from the token's own header: "none" verifies nothing, HS256 is keyed with the public key. */
    static TokenVerifier algorithmFromTheHeader(LabEnvironment env) {
        return new TokenVerifier(env.clock()) {
            @Override
            public Identity verify(String token) throws Refused {
                String alg;
                try {
                    alg = JWT.decode(token).getAlgorithm();
                } catch (JWTVerificationException e) {
                    throw new Refused("not a JWT");
                }
                Algorithm algorithm = switch (alg) {
                    case "none" -> Algorithm.none();
                    case "HS256" -> Algorithm.HMAC256(SecurityContract.ISSUER_PUBLIC_KEY_PEM.getBytes(StandardCharsets.US_ASCII));
                    default -> Algorithm.ECDSA256(SecurityContract.issuerPublicKey(), null);
                };
                try {
                    DecodedJWT jwt = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(SecurityContract.TOKEN_ISSUER)
                            .withAudience(SecurityContract.TOKEN_AUDIENCE)).build(env.clock()).verify(token);
                    return new Identity(jwt.getSubject(), rooms(jwt), jwt.getExpiresAtAsInstant());
                } catch (JWTVerificationException e) {
                    throw new Refused("the token does not verify");
                }
            }
        };
    }

    static TokenVerifier noAudienceCheck(LabEnvironment env) {
        return new TokenVerifier(env.clock()) {
            @Override
            protected JWTVerifier.BaseVerification rules() {
                return (JWTVerifier.BaseVerification) JWT.require(Algorithm.ECDSA256(SecurityContract.issuerPublicKey(), null))
                        .withIssuer(SecurityContract.TOKEN_ISSUER).withClaimPresence("exp").withClaimPresence("sub");
            }
        };
    }

    static TokenVerifier noIssuerCheck(LabEnvironment env) {
        return new TokenVerifier(env.clock()) {
            @Override
            protected JWTVerifier.BaseVerification rules() {
                return (JWTVerifier.BaseVerification) JWT.require(Algorithm.ECDSA256(SecurityContract.issuerPublicKey(), null))
                        .withAudience(SecurityContract.TOKEN_AUDIENCE).withClaimPresence("exp").withClaimPresence("sub");
            }
        };
    }

    /** java-jwt checks exp when there is one, and does not ask for one unless told: a token without exp lives for ever. */
    static TokenVerifier expiryOptional(LabEnvironment env) {
        return new TokenVerifier(env.clock()) {
            @Override
            protected JWTVerifier.BaseVerification rules() {
                return (JWTVerifier.BaseVerification) JWT.require(Algorithm.ECDSA256(SecurityContract.issuerPublicKey(), null))
                        .withIssuer(SecurityContract.TOKEN_ISSUER).withAudience(SecurityContract.TOKEN_AUDIENCE).withClaimPresence("sub");
            }
        };
    }

    /** Checks the token once, at sign-in: a session outlives its credentials. */
    static LabServer neverExpiresASession(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void expireAt(Identity id) {
            }
        }).apply(env);
    }

    /** Ignores an auth message once signed in: a session cannot be renewed, and ends with its first token. */
    static LabServer noRenewal(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void authenticate(String token) throws IOException {
                if (identity() == null) {
                    super.authenticate(token);
                }
            }
        }).apply(env);
    }

    /** The seed's console.log('received:', message): every message, the auth message with its token, in the log. */
    static LabServer logsEveryMessage(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void onMessage(int opcode, byte[] message) throws IOException {
                log("received: " + new String(message, StandardCharsets.UTF_8));
                super.onMessage(opcode, message);
            }
        }).apply(env);
    }

    /** An access log with the whole request target: a token in the URL lands in it. */
    static LabServer logsTheRequestTarget(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected String describe(HttpRequestHead head) {
                return head.target();
            }
        };
    }

    /** A renewal takes any valid token: bob's token on alice's connection makes it bob's, with bob's rooms. */
    static LabServer renewalForAnyUser(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected boolean renews(Identity before, Identity id) {
                return true;
            }
        }).apply(env);
    }

    // ---- authorization -----------------------------------------------------------------------

    /** Every post goes to everyone signed in, whatever their rooms. */
    static LabServer broadcastsToEveryone(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected List<SecureChatSession> recipients(String room) {
                return everyone();
            }
        }).apply(env);
    }

    /** Refuses readers only: someone who is no member of a room at all may post to it. */
    static LabServer noMembershipCheck(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected String refusal(Identity id, String room) {
                return SecurityContract.ROLE_READER.equals(id.rooms().get(room)) ? id.user() + " may only read " + room : null;
            }
        }).apply(env);
    }

    /** Checks membership only: a reader may post. */
    static LabServer noRoleCheck(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected String refusal(Identity id, String room) {
                return id.isMember(room) ? null : id.user() + " is not a member of " + room;
            }
        }).apply(env);
    }

    /** Authorizes the first post, then trusts the connection. */
    static LabServer authorizesTheFirstPostOnly(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            private boolean trusted;

            @Override
            protected String refusal(Identity id, String room) {
                if (trusted) {
                    return null;
                }
                String refusal = super.refusal(id, room);
                trusted = refusal == null;
                return refusal;
            }
        }).apply(env);
    }

    // ---- input -------------------------------------------------------------------------------

    /** The seed's unguarded JSON.parse: a message that does not parse kills the connection. */
    static LabServer unguardedParse(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void invalid(ChatMessages.Invalid e) {
                throw new IllegalStateException("unparsed message: " + e.getMessage());
            }
        }).apply(env);
    }

    /** Parses like eval: single quotes and bare names pass. */
    static LabServer lenientJson(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected ChatMessages newMessageParser() {
                return new ChatMessages() {
                    @Override
                    protected ObjectMapper mapper() {
                        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                                .build();
                    }
                };
            }
        };
    }

    /** JSON of the wrong shape is dropped without a word: the client never learns why nothing happened. */
    static LabServer dropsBadMessagesSilently(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void invalid(ChatMessages.Invalid e) throws IOException {
                if (!e.code().equals(SecurityContract.ERROR_BAD_MESSAGE)) {
                    super.invalid(e);
                }
            }
        }).apply(env);
    }

    /** Binary frames are quietly ignored. */
    static LabServer ignoresBinary(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void append(Frame f) throws IOException, wslab.reference.frames.ProtocolException {
                if (f.opcode() != 0x2) {
                    super.append(f);
                }
            }
        }).apply(env);
    }

    /** The seed's sanitizeInput: < and > escaped, & " ' left as they are. */
    static LabServer escapesOnlyAngleBrackets(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected String messageFor(String room, String user, String text) {
                return new ObjectMapper().createObjectNode().put("type", SecurityContract.MESSAGE).put("room", room).put("from", user)
                        .put("text", text).put("html", text.replace("<", "&lt;").replace(">", "&gt;")).toString();
            }
        }).apply(env);
    }

    // ---- limits ------------------------------------------------------------------------------

    /** Every frame counts as activity, pings included: a client that only pings is never idle. */
    static LabServer pingsKeepItAlive(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected void received(Frame f) {
                heard();
            }
        }).apply(env);
    }

    /** The seed's bug: the whole message is read first, and its size checked after. */
    static LabServer sizeCheckedAfterBuffering(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected FrameReader newReader(InputStream input) {
                return new BufferingReader(input);
            }

            @Override
            protected boolean tooBig(long messageSoFar, Frame last) {
                return last.fin() && messageSoFar > SecurityContract.MAX_MESSAGE_BYTES;
            }
        }).apply(env);
    }

    /** Each frame is held to the limit, the message they make up is not. */
    static LabServer perFrameLimitOnly(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected boolean tooBig(long messageSoFar, Frame last) {
                return last.payload().length > SecurityContract.MAX_MESSAGE_BYTES;
            }
        }).apply(env);
    }

    /** The seed's 1 KiB limit: a message the contract allows is refused. */
    static LabServer limitTooSmall(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected boolean tooBig(long messageSoFar, Frame last) {
                return messageSoFar > 1024;
            }
        }).apply(env);
    }

    static LabServer noRateLimit(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected boolean withinRate() {
                return true;
            }
        }).apply(env);
    }

    /** Five at once and two a second: a normal client is cut off. */
    static LabServer rateTooTight(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            private final RateLimit tight = new RateLimit(5, 2, env::nanoTime);

            @Override
            protected boolean withinRate() {
                return tight.tryTake();
            }
        }).apply(env);
    }

    static LabServer noConnectionCap(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected boolean admit(String address) {
                return true;
            }

            @Override
            protected void release(String address) {
            }
        };
    }

    /** Counts connections in and never out: the address is locked out for good once it had five. */
    static LabServer capNeverReleased(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected void release(String address) {
            }
        };
    }

    static LabServer noIdleTimeout(LabEnvironment env) {
        return sessions((in, out, c, peer, request, server) -> new SecureChatSession(in, out, c, peer, server) {
            @Override
            protected Duration idleTimeout() {
                return Duration.ofHours(1);
            }
        }).apply(env);
    }

    /** A read timeout of 2 s and no deadline: a byte a second keeps every read alive, for ever. */
    static LabServer perReadTimeoutOnly(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected Duration handshakeDeadline() {
                return Duration.ofHours(1);
            }
        };
    }

    /** A deadline for TLS, none for the request head that follows it. */
    static LabServer deadlineEndsAfterTls(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected void afterTls(Scheduled deadline) {
                deadline.cancel();
            }
        };
    }

    /** Serves each connection on the accept thread: one slow client holds up everyone. */
    static LabServer servesOnTheAcceptThread(LabEnvironment env) {
        return new SecureChatServer(env) {
            @Override
            protected void dispatch(Runnable serve) {
                serve.run();
            }
        };
    }

    /**
     * A frame reader that takes the announced length on trust and buffers the payload as it comes:
     * the starter's {@code Frames.read} loop, copied rather than called, since a learner fixes the
     * starter and this mutant must stay broken.
     */
    static final class BufferingReader extends FrameReader {
        private final DataInputStream in;

        BufferingReader(InputStream input) {
            super(input, Long.MAX_VALUE);
            this.in = new DataInputStream(input);
        }

        @Override
        public Optional<Frame> next() throws IOException {
            int b0 = in.read();
            if (b0 < 0) {
                return Optional.empty();
            }
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (payload.size() < length) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - payload.size()));
                if (n < 0) {
                    throw new EOFException("connection closed inside a frame");
                }
                payload.write(chunk, 0, n);
            }
            byte[] data = payload.toByteArray();
            for (int i = 0; i < data.length; i++) {
                data[i] ^= mask[i & 3];
            }
            return Optional.of(new Frame((b0 & 0x80) != 0, b0 & 0x0F, data));
        }
    }

    /** A connection whose first byte has been looked at and is read again. */
    static final class Peeked implements TcpConnection {
        private final TcpConnection connection;
        private final PushbackInputStream in;
        private final int first;

        Peeked(TcpConnection connection) throws IOException {
            this.connection = connection;
            this.in = new PushbackInputStream(connection.input(), 1);
            this.first = in.read();
            if (first >= 0) {
                in.unread(first);
            }
        }

        int first() {
            return first;
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public OutputStream output() {
            return connection.output();
        }

        @Override
        public void readTimeout(Duration timeout) throws IOException {
            connection.readTimeout(timeout);
        }

        @Override
        public Duration readTimeout() {
            return connection.readTimeout();
        }

        @Override
        public void writeTimeout(Duration timeout) {
            connection.writeTimeout(timeout);
        }

        @Override
        public void shutdownOutput() throws IOException {
            connection.shutdownOutput();
        }

        @Override
        public void reset() {
            connection.reset();
        }

        @Override
        public boolean isClosed() {
            return connection.isClosed();
        }

        @Override
        public String remoteAddress() {
            return connection.remoteAddress();
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
