package wslab.reference.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Lesson 09's Origin allow-list (RFC 6455 §10.2, RFC 6454): an origin is a scheme, a host and a
 * port, compared as such, never as a prefix, a suffix or a substring of a string. The scheme and
 * the host are case-insensitive and a scheme's default port may be left out, so
 * {@code https://CHAT.wslab.test:443} is the allowed origin; {@code https://chat.wslab.test.evil.test}
 * is not. A request without Origin, or with {@code null}, comes from no page this server serves.
 */
public class OriginPolicy {

    private final Origin allowed;

    public OriginPolicy(String allowedOrigin) {
        this.allowed = Origin.parse(allowedOrigin).orElseThrow(() -> new IllegalArgumentException("not an origin: " + allowedOrigin));
    }

    /** Whether the request's Origin field is on the list; each rule its own method, so a broken variant can replace one. */
    public boolean allows(Optional<String> originField) {
        if (originField.isEmpty()) {
            return allowsMissing();
        }
        String value = originField.get().trim();
        if (value.equals("null")) {
            return allowsNull();
        }
        return Origin.parse(value).map(this::matches).orElse(false);
    }

    /** A browser always sends Origin on a WebSocket handshake (RFC 6455 §4.1 item 8); this route serves browsers. */
    protected boolean allowsMissing() {
        return false;
    }

    /** {@code null}: a sandboxed frame, a file:// page, a redirect; no page of ours. */
    protected boolean allowsNull() {
        return false;
    }

    protected boolean matches(Origin origin) {
        return origin.equals(allowed);
    }

    /** A serialized origin taken apart: nothing but scheme://host[:port] is one. */
    public record Origin(String scheme, String host, int port) {

        static Optional<Origin> parse(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
        }

        private static int defaultPort(String scheme) {
            return switch (scheme) {
                case "https" -> 443;
                case "http" -> 80;
                default -> -1;
            };
        }
    }
}
