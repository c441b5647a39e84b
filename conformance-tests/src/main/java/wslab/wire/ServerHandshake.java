package wslab.wire;

import java.util.Optional;

/**
 * The server's half of the opening handshake (RFC 6455 §4.2.2), as the suite plays it for a
 * client under test: the key the client sent, and the 101 that accepts it.
 */
public final class ServerHandshake {

    private ServerHandshake() {
    }

    /** The Sec-WebSocket-Key of {@code requestHead} (field names are case-insensitive), if the client sent one. */
    public static Optional<String> clientKey(String requestHead) {
        for (String line : requestHead.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    /**
     * The 101 that accepts {@code key}. It names no extension and no subprotocol: whatever the
     * client offered, none is in use.
     */
    public static String switchingProtocols(String key) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKeys.acceptFor(key) + "\r\n\r\n";
    }
}
