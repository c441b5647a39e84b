package wslab.reference.handshake;

import java.util.List;

/**
 * Decides the answer to an opening handshake (RFC 6455 §4.2.1, §4.2.2). Each rule is its own
 * method so a broken variant can replace exactly one of them.
 */
public class HandshakeNegotiator {

    private final String path;
    private final List<String> subprotocols;

    /**
     * @param path         the endpoint path; other paths get 404
     * @param subprotocols what this server speaks, most preferred first
     */
    public HandshakeNegotiator(String path, List<String> subprotocols) {
        this.path = path;
        this.subprotocols = List.copyOf(subprotocols);
    }

    public HandshakeResponse answer(HttpRequestHead req) {
        if (!isGet(req.method())) {
            return HandshakeResponse.methodNotAllowed("the opening handshake is a GET (RFC 6455 §4.2.1 item 1)");
        }
        if (!isHttp11OrLater(req.version())) {
            return HandshakeResponse.badRequest("the opening handshake needs HTTP/1.1 or later (RFC 6455 §4.2.1 item 1)");
        }
        if (!hasHost(req)) {
            return HandshakeResponse.badRequest("missing Host (RFC 6455 §4.2.1 item 2)");
        }
        if (!upgradesToWebSocket(req)) {
            return HandshakeResponse.badRequest("Upgrade must include 'websocket' (RFC 6455 §4.2.1 item 3)");
        }
        if (!connectionUpgrades(req)) {
            return HandshakeResponse.badRequest("Connection must include 'Upgrade' (RFC 6455 §4.2.1 item 4)");
        }
        String key = req.field("sec-websocket-key").orElse("");
        if (!keyIsValid(key)) {
            return HandshakeResponse.badRequest("Sec-WebSocket-Key must be base64 of 16 bytes (RFC 6455 §4.2.1 item 5)");
        }
        HandshakeResponse versionProblem = checkVersion(req);
        if (versionProblem != null) {
            return versionProblem;
        }
        if (!pathOf(req.target()).equals(path)) {
            return HandshakeResponse.notFound("no WebSocket endpoint at " + req.target());
        }
        return switching(accept(key), selectSubprotocol(req.tokens("sec-websocket-protocol")),
                selectExtensions(req.tokens("sec-websocket-extensions")));
    }

    protected boolean isGet(String method) {
        return method.equals("GET");
    }

    protected boolean hasHost(HttpRequestHead req) {
        return req.field("host").isPresent();
    }

    /** A token list, matched without case: "Upgrade: WebSocket" is fine, "not-websocket" is not. */
    protected boolean upgradesToWebSocket(HttpRequestHead req) {
        return req.hasToken("upgrade", "websocket");
    }

    /** Browsers and proxies send "keep-alive, Upgrade"; only the token matters. */
    protected boolean connectionUpgrades(HttpRequestHead req) {
        return req.hasToken("connection", "upgrade");
    }

    protected HandshakeResponse switching(String accept, String subprotocol, String extensions) {
        return HandshakeResponse.switching(accept, subprotocol, extensions);
    }

    protected boolean isHttp11OrLater(String version) {
        if (!version.startsWith("HTTP/")) {
            return false;
        }
        String[] nums = version.substring(5).split("\\.");
        try {
            int major = Integer.parseInt(nums[0]);
            int minor = nums.length > 1 ? Integer.parseInt(nums[1]) : 0;
            return major > 1 || (major == 1 && minor >= 1);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    protected boolean keyIsValid(String key) {
        return AcceptKey.isWellFormed(key);
    }

    /** RFC 6455 §4.2.2 item 4 and §4.4: a missing version is a bad request; another version needs an upgrade. */
    protected HandshakeResponse checkVersion(HttpRequestHead req) {
        String version = req.field("sec-websocket-version").orElse(null);
        if (version == null) {
            return HandshakeResponse.badRequest("missing Sec-WebSocket-Version (RFC 6455 §4.2.1 item 6)");
        }
        if (!version.equals("13")) {
            return HandshakeResponse.upgradeRequired("this server speaks Sec-WebSocket-Version 13 (RFC 6455 §4.4)");
        }
        return null;
    }

    protected String accept(String key) {
        return AcceptKey.forKey(key);
    }

    /** RFC 6455 §4.2.2 item 5.4: one of the client's offers, or none at all. */
    protected String selectSubprotocol(List<String> offered) {
        for (String mine : subprotocols) {
            if (offered.contains(mine)) {
                return mine;
            }
        }
        return null;
    }

    /**
     * RFC 6455 §9.1: accept only extensions this server implements. It implements none, so it
     * accepts none; agreeing to one would promise a frame format it cannot read.
     */
    protected String selectExtensions(List<String> offered) {
        return null;
    }

    private static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
