package wslab.reference.handshake;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response head: 101 to switch, or an error that ends the connection. */
public record HandshakeResponse(int status, String reason, Map<String, String> fields, String body) {

    public static HandshakeResponse switching(String accept, String subprotocol, String extensions) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Upgrade", "websocket");
        f.put("Connection", "Upgrade");
        f.put("Sec-WebSocket-Accept", accept);
        if (subprotocol != null) {
            f.put("Sec-WebSocket-Protocol", subprotocol);
        }
        if (extensions != null) {
            f.put("Sec-WebSocket-Extensions", extensions);
        }
        return new HandshakeResponse(101, "Switching Protocols", f, "");
    }

    public static HandshakeResponse badRequest(String why) {
        return error(400, "Bad Request", Map.of(), why);
    }

    /**
     * RFC 6455 §4.4: name the versions we speak so the client can retry with one. RFC 9110
     * §15.5.22: a 426 names the protocol it requires in Upgrade, and §7.8 lists that field in
     * Connection too.
     */
    public static HandshakeResponse upgradeRequired(String why) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Upgrade", "websocket");
        f.put("Connection", "Upgrade, close");
        f.put("Sec-WebSocket-Version", "13");
        return error(426, "Upgrade Required", f, why);
    }

    public static HandshakeResponse methodNotAllowed(String why) {
        return error(405, "Method Not Allowed", Map.of("Allow", "GET"), why);
    }

    /** RFC 6455 §4.2.2 item 4 /origin/: a handshake the server does not wish to accept, such as a foreign Origin. */
    public static HandshakeResponse forbidden(String why) {
        return error(403, "Forbidden", Map.of(), why);
    }

    public static HandshakeResponse notFound(String why) {
        return error(404, "Not Found", Map.of(), why);
    }

    private static HandshakeResponse error(int status, String reason, Map<String, String> extra, String why) {
        Map<String, String> f = new LinkedHashMap<>(extra);
        f.put("Content-Type", "text/plain; charset=utf-8");
        f.putIfAbsent("Connection", "close");
        return new HandshakeResponse(status, reason, f, why + "\n");
    }

    public boolean switches() {
        return status == 101;
    }

    public byte[] toBytes() {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
        fields.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (!switches()) {
            sb.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bodyBytes, 0, all, head.length, bodyBytes.length);
        return all;
    }
}
