package wslab.reference.handshake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request line and header fields of an HTTP/1.1 request (RFC 9112 §2–§5). Field names are
 * kept lower-case because they are case-insensitive (RFC 9110 §5.1); repeated fields are kept in
 * order so that a list-valued field split over several lines is still read whole.
 */
public record HttpRequestHead(String method, String target, String version,
                              Map<String, List<String>> fields) {

    /** A request head larger than this is refused, so a client cannot make us buffer forever. */
    public static final int MAX_HEAD_BYTES = 8 * 1024;

    /** Thrown for a head that is not HTTP; the server answers 400 with the message. */
    public static final class MalformedRequest extends IOException {
        public MalformedRequest(String message) {
            super(message);
        }
    }

    /**
     * Reads up to and including the empty line that ends the head. Reads byte by byte from
     * whatever the stream gives, so a request split over many TCP segments parses the same as
     * one that arrives whole.
     *
     * @return empty when the peer closed before sending anything
     */
    public static Optional<HttpRequestHead> read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (total == 0) {
                    return Optional.empty();
                }
                throw new MalformedRequest("connection closed inside the request head");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new MalformedRequest("request head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                if (line.length() == 0) {
                    break;
                }
                lines.add(line.toString());
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        if (lines.isEmpty()) {
            throw new MalformedRequest("empty request");
        }
        String[] start = lines.get(0).split(" ");
        if (start.length != 3) {
            throw new MalformedRequest("request line is not 'METHOD target HTTP/x.y': " + lines.get(0));
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String field : lines.subList(1, lines.size())) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequest("header line without a name: " + field);
            }
            String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).trim();
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return Optional.of(new HttpRequestHead(start[0], start[1], start[2], fields));
    }

    /** Every value of a field, joined as RFC 9110 §5.3 allows: {@code a, b}. Empty when absent. */
    public Optional<String> field(String name) {
        List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** The comma-separated tokens of a list-valued field, trimmed, in order. */
    public List<String> tokens(String name) {
        return field(name).map(v -> List.of(v.split(","))).orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** True when the list-valued field holds {@code token}, compared without case. */
    public boolean hasToken(String name, String token) {
        return tokens(name).stream().anyMatch(t -> t.equalsIgnoreCase(token));
    }

    /** The head as it came, for logs. */
    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder(method + " " + target + " " + version + "\r\n");
        fields.forEach((k, vs) -> vs.forEach(v -> sb.append(k).append(": ").append(v).append("\r\n")));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
