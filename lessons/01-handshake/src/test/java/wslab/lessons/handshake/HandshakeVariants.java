package wslab.lessons.handshake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.HandshakeResponse;
import wslab.reference.handshake.HttpRequestHead;
import wslab.reference.handshake.RawHandshakeServer;

/**
 * Variants of lesson 01's reference that answer differently where RFC 6455 and HTTP leave the
 * choice to the server. Each must pass every check, strictly: a check that fails one of them
 * grades the reference's habits, not the contract.
 */
enum HandshakeVariants {

    /**
     * Also speaks draft version 8 (hybi-08 to -12), and refuses other versions with 400 listing both,
     * as RFC 6455 §4.4's own example does.
     */
    SPEAKS_DRAFT_VERSION_8_TOO(env -> HandshakeMutants.negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        private static final Set<String> SPOKEN = Set.of("13", "8");

        @Override
        protected HandshakeResponse checkVersion(HttpRequestHead req) {
            String version = req.field("sec-websocket-version").orElse(null);
            if (version == null) {
                return super.checkVersion(req);
            }
            if (SPOKEN.contains(version)) {
                return null;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Sec-WebSocket-Version", "13, 8");
            fields.put("Connection", "close");
            return new HandshakeResponse(400, "Bad Request", fields, "versions 13 and 8 are spoken here\n");
        }
    })),
    /**
     * Refuses malformed handshakes with 403 rather than 400: RFC 6455 §4.2.1 names 400 only as an
     * example. Host stays 400, where RFC 9112 §3.2 leaves no choice.
     */
    REFUSES_WITH_403(env -> HandshakeMutants.negotiator(env, new HandshakeNegotiator(RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS) {
        @Override
        public HandshakeResponse answer(HttpRequestHead req) {
            HandshakeResponse right = super.answer(req);
            if (right.status() != 400 || req.field("host").isEmpty()) {
                return right;
            }
            return new HandshakeResponse(403, "Forbidden", right.fields(), right.body());
        }
    }));

    final Function<LabEnvironment, LabServer> server;

    HandshakeVariants(Function<LabEnvironment, LabServer> server) {
        this.server = server;
    }
}
