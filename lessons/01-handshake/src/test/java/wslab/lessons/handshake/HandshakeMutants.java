package wslab.lessons.handshake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.HandshakeResponse;
import wslab.reference.handshake.HttpRequestHead;
import wslab.reference.handshake.RawHandshakeServer;

/**
 * Broken variants of lesson 01's reference, each with one mistake people really make, and the
 * checks that must catch it. Every check of the lesson appears in at least one row.
 */
enum HandshakeMutants {

    ACCEPT_WITHOUT_GUID(List.of("01.1", "01.2", "01.3"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected String accept(String key) {
            return Base64.getEncoder().encodeToString(sha1(key));
        }
    })),
    ACCEPT_IN_HEX(List.of("01.1", "01.2"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected String accept(String key) {
            return HexFormat.of().formatHex(sha1(key + GUID));
        }
    })),
    /** Passes the two documented samples by copying their answers; anything else is wrong. */
    HARD_CODED_SAMPLE_ACCEPTS(List.of("01.3"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected String accept(String key) {
            return switch (key) {
                case "dGhlIHNhbXBsZSBub25jZQ==" -> "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
                case "x3JJHMbDL1EzLkh9GBhXDw==" -> "HSmrc0sMlYUkAGmm5OPpG2HaGWk=";
                default -> Base64.getEncoder().encodeToString(sha1(key.trim() + GUID.toLowerCase()));
            };
        }
    })),
    NO_CONNECTION_IN_101(List.of("01.4"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected HandshakeResponse switching(String accept, String subprotocol, String extensions) {
            return without(super.switching(accept, subprotocol, extensions), "Connection");
        }
    })),
    KEY_NOT_VALIDATED(List.of("01.5", "01.6"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean keyIsValid(String key) {
            return true;
        }
    })),
    VERSION_IGNORED(List.of("01.7", "01.8"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected HandshakeResponse checkVersion(HttpRequestHead req) {
            return null;
        }
    })),
    /** A 426 that does not say which protocol it requires: RFC 9110 §15.5.22 makes Upgrade a MUST. */
    UPGRADE_REQUIRED_WITHOUT_UPGRADE(List.of("01.7"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected HandshakeResponse checkVersion(HttpRequestHead req) {
            HandshakeResponse right = super.checkVersion(req);
            return right == null || right.status() != 426 ? right : without(right, "Upgrade");
        }
    })),
    /** A 405 that does not list the allowed methods: RFC 9110 §15.5.6 makes Allow a MUST. */
    METHOD_NOT_ALLOWED_WITHOUT_ALLOW(List.of("01.9"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        public HandshakeResponse answer(HttpRequestHead req) {
            HandshakeResponse right = super.answer(req);
            return right.status() == 405 ? without(right, "Allow") : right;
        }
    })),
    ANY_METHOD(List.of("01.9"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean isGet(String method) {
            return true;
        }
    })),
    HTTP_1_0_ACCEPTED(List.of("01.10"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean isHttp11OrLater(String version) {
            return version.startsWith("HTTP/1.");
        }
    })),
    HOST_OPTIONAL(List.of("01.11"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean hasHost(HttpRequestHead req) {
            return true;
        }
    })),
    UPGRADE_BY_SUBSTRING(List.of("01.12"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean upgradesToWebSocket(HttpRequestHead req) {
            return req.field("upgrade").orElse("").toLowerCase().contains("websocket");
        }
    })),
    CONNECTION_MATCHED_EXACTLY(List.of("01.13"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean connectionUpgrades(HttpRequestHead req) {
            return req.field("connection").orElse("").equals("Upgrade");
        }
    })),
    CONNECTION_IGNORED(List.of("01.21"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean connectionUpgrades(HttpRequestHead req) {
            return true;
        }
    })),
    CONNECTION_BY_SUBSTRING(List.of("01.21"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected boolean connectionUpgrades(HttpRequestHead req) {
            return req.field("connection").orElse("").toLowerCase().contains("upgrade");
        }
    })),
    FIRST_OFFER_ECHOED(List.of("01.14", "01.15"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected String selectSubprotocol(List<String> offered) {
            return offered.isEmpty() ? null : offered.get(0);
        }
    })),
    ALWAYS_A_SUBPROTOCOL(List.of("01.15", "01.16"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected String selectSubprotocol(List<String> offered) {
            return RawHandshakeServer.SUBPROTOCOLS.get(0);
        }
    })),
    EXTENSIONS_ECHOED(List.of("01.17"), env -> negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        protected String selectExtensions(List<String> offered) {
            return offered.isEmpty() ? null : String.join(", ", offered);
        }
    })),
    /** Reads the request with one read() call, as if TCP delivered messages. */
    SINGLE_READ(List.of("01.18", "01.19"), env -> new RawHandshakeServer(env) {
        @Override
        protected Optional<HttpRequestHead> readHead(InputStream in) throws IOException {
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            return n <= 0 ? Optional.empty() : HttpRequestHead.read(new ByteArrayInputStream(buffer, 0, n));
        }
    }),
    NO_ECHO_AFTER_UPGRADE(List.of("01.20"), env -> new RawHandshakeServer(env) {
        @Override
        protected void afterUpgrade(InputStream in, OutputStream out) {
            // Says 101 and then hangs up.
        }
    });

    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final List<String> caughtBy;
    final Function<LabEnvironment, LabServer> server;

    HandshakeMutants(List<String> caughtBy, Function<LabEnvironment, LabServer> server) {
        this.caughtBy = caughtBy;
        this.server = server;
    }

    static LabServer negotiator(LabEnvironment env, HandshakeNegotiator negotiator) {
        return new RawHandshakeServer(env, negotiator);
    }

    /** The reference's answer with one header field left out. */
    static HandshakeResponse without(HandshakeResponse right, String field) {
        Map<String, String> fields = new LinkedHashMap<>(right.fields());
        fields.remove(field);
        return new HandshakeResponse(right.status(), right.reason(), fields, right.body());
    }

    static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
