package wslab.reference.frames;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

import wslab.reference.handshake.AcceptKey;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): the request, then the checks a
 * client makes of the answer before it counts the connection as open.
 */
public final class ClientHandshake {

    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private ClientHandshake() {
    }

    /**
     * Sends the request for {@code url} and reads the answer up to its empty line, no further:
     * frames may follow in the same segment.
     *
     * @throws ProtocolException when the answer is not a valid 101 for this request (§4.1: the
     *                           client then fails the connection)
     */
    public static void open(InputStream in, OutputStream out, URI url, RandomGenerator random) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        List<String> head = readHead(in);
        check(head, key);
    }

    /** §4.1, the client's checks of the server's answer, items 1 to 6. */
    private static void check(List<String> head, String key) throws ProtocolException {
        if (!head.get(0).matches("HTTP/1\\.1 101( .*)?")) {
            throw new ProtocolException("the server did not switch protocols: " + head.get(0));
        }
        if (!hasToken(head, "upgrade", "websocket")) {
            throw new ProtocolException("the answer has no Upgrade: websocket");
        }
        if (!hasToken(head, "connection", "upgrade")) {
            throw new ProtocolException("the answer has no Connection: Upgrade");
        }
        String accept = field(head, "sec-websocket-accept").orElse("");
        if (!accept.equals(AcceptKey.forKey(key))) {
            throw new ProtocolException("wrong Sec-WebSocket-Accept '" + accept + "'");
        }
        // This client offers no extension and no subprotocol, so the server may select none.
        if (field(head, "sec-websocket-extensions").isPresent()) {
            throw new ProtocolException("the server selected an extension that was not offered");
        }
        if (field(head, "sec-websocket-protocol").isPresent()) {
            throw new ProtocolException("the server selected a subprotocol that was not offered");
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int total = 0; ; total++) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException("the server closed the connection during the opening handshake");
            }
            if (total > MAX_HEAD_BYTES) {
                throw new ProtocolException("the handshake answer is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            if (line.isEmpty()) {
                if (lines.isEmpty()) {
                    throw new ProtocolException("the answer has no status line");
                }
                return lines;
            }
            lines.add(line.toString());
            line.setLength(0);
        }
    }

    private static Optional<String> field(List<String> head, String name) {
        List<String> values = new ArrayList<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                values.add(line.substring(colon + 1).trim());
            }
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    private static boolean hasToken(List<String> head, String name, String token) {
        return field(head, name).stream().flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(t -> t.trim().equalsIgnoreCase(token));
    }
}
