package wslab.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The status line and header fields of a server's answer to the opening handshake. */
public record HttpResponseHead(String version, int status, String reason, Map<String, List<String>> fields, byte[] raw) {

    /** More than this and the server is not answering a handshake. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    /**
     * Reads up to the blank line, byte by byte so nothing after the head is consumed.
     *
     * @return empty if the server closed the connection before sending anything
     */
    static Optional<HttpResponseHead> read(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD_BYTES];
        int n = 0;
        while (n < 4 || !(buf[n - 4] == '\r' && buf[n - 3] == '\n' && buf[n - 2] == '\r' && buf[n - 1] == '\n')) {
            int b = in.read();
            if (b < 0) {
                if (n == 0) {
                    return Optional.empty();
                }
                throw new MalformedResponse("the connection closed in the middle of the response head: "
                        + new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            if (n == buf.length) {
                throw new MalformedResponse("the response head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            buf[n++] = (byte) b;
        }
        return Optional.of(parse(Arrays.copyOf(buf, n)));
    }

    static HttpResponseHead parse(byte[] raw) throws MalformedResponse {
        String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new MalformedResponse("not an HTTP status line: '" + lines[0] + "'");
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new MalformedResponse("not an HTTP status code: '" + lines[0] + "'");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        return new HttpResponseHead(status[0], code, status.length > 2 ? status[2] : "", fields, raw);
    }

    /** All values of a field, in order, matched without case. */
    public List<String> values(String name) {
        return fields.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The field's values joined as RFC 9110 §5.3 allows, or empty when absent. */
    public Optional<String> field(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", v));
    }

    /** The comma-separated tokens of a field, trimmed. */
    public List<String> tokens(String name) {
        return values(name).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .toList();
    }

    public boolean hasToken(String name, String token) {
        return tokens(name).stream().anyMatch(t -> t.equalsIgnoreCase(token));
    }

    /** {@code 400 Bad Request}, for messages. */
    public String statusLine() {
        return status + (reason.isEmpty() ? "" : " " + reason);
    }

    /** The server answered with something that is not an HTTP response. */
    public static final class MalformedResponse extends IOException {
        MalformedResponse(String message) {
            super(message);
        }
    }
}
