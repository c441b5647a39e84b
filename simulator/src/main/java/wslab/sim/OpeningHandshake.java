package wslab.sim;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): the request, and the checks on the
 * server's answer that decide whether the connection is a WebSocket at all. This client asks for
 * no extension and no subprotocol, so an answer that names one fails the handshake.
 */
final class OpeningHandshake {

    /** §1.3: appended to the key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 16 * 1024;

    private OpeningHandshake() {
    }

    /** Sends the request for {@code url} with a key made of {@code nonce} (16 random bytes) and returns the key. */
    static String request(OutputStream out, URI url, byte[] nonce) throws IOException {
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        return key;
    }

    /** Reads the server's answer; anything but a valid 101 for {@code key} fails the connection (§4.1). */
    static void readAnswer(InputStream in, String key) throws IOException {
        String[] lines = readHead(in).split("\r\n");
        if (!lines[0].matches("HTTP/1\\.1 101( .*)?")) {
            throw new ProtocolException("the server refused the upgrade: " + lines[0]);
        }
        Map<String, String> fields = fields(lines);
        if (!fields.getOrDefault("upgrade", "").equalsIgnoreCase("websocket")) {
            throw new ProtocolException("the answer's Upgrade is not websocket (RFC 6455 §4.1)");
        }
        if (Arrays.stream(fields.getOrDefault("connection", "").split(",")).noneMatch(t -> t.trim().equalsIgnoreCase("upgrade"))) {
            throw new ProtocolException("the answer's Connection has no Upgrade token (RFC 6455 §4.1)");
        }
        if (!acceptFor(key).equals(fields.get("sec-websocket-accept"))) {
            throw new ProtocolException("wrong Sec-WebSocket-Accept: " + fields.get("sec-websocket-accept"));
        }
        for (String unasked : new String[] {"sec-websocket-extensions", "sec-websocket-protocol"}) {
            if (fields.containsKey(unasked)) {
                throw new ProtocolException("the answer names " + unasked + " '" + fields.get(unasked)
                        + "', which the client did not ask for (RFC 6455 §4.1)");
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection during the opening handshake");
            }
            if (head.size() > MAX_HEAD) {
                throw new ProtocolException("the handshake answer is longer than " + MAX_HEAD + " bytes");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The header fields by lower-case name; a field that comes more than once is joined with commas. */
    private static Map<String, String> fields(String[] lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        return fields;
    }

    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
