package wslab.wire;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An opening handshake request the suite can bend: any method, version, header spelling or
 * omission. Starts as the valid request of RFC 6455 §4.1 and each method changes one thing.
 */
public final class HandshakeRequest {

    private String method = "GET";
    private String target;
    private String version = "HTTP/1.1";
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    private HandshakeRequest() {
    }

    /** A valid upgrade request for {@code uri} with {@code key}. */
    public static HandshakeRequest valid(URI uri, String key) {
        HandshakeRequest r = new HandshakeRequest();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        r.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        r.fields.add(Map.entry("Host", uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")));
        r.fields.add(Map.entry("Upgrade", "websocket"));
        r.fields.add(Map.entry("Connection", "Upgrade"));
        r.fields.add(Map.entry("Sec-WebSocket-Key", key));
        r.fields.add(Map.entry("Sec-WebSocket-Version", "13"));
        return r;
    }

    public HandshakeRequest method(String method) {
        this.method = method;
        return this;
    }

    public HandshakeRequest version(String version) {
        this.version = version;
        return this;
    }

    /** Replaces a field (matched without case) or adds it; {@code null} removes it. */
    public HandshakeRequest field(String name, String value) {
        int at = indexOf(name);
        if (value == null) {
            if (at >= 0) {
                fields.remove(at);
            }
        } else if (at >= 0) {
            fields.set(at, Map.entry(fields.get(at).getKey(), value));
        } else {
            fields.add(Map.entry(name, value));
        }
        return this;
    }

    public HandshakeRequest without(String name) {
        return field(name, null);
    }

    /** Replaces a field with one spelled {@code spelling}, the value unchanged. */
    public HandshakeRequest respell(String name, String spelling) {
        int at = indexOf(name);
        if (at >= 0) {
            fields.set(at, Map.entry(spelling, fields.get(at).getValue()));
        }
        return this;
    }

    private int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getKey().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        for (Map.Entry<String, String> f : fields) {
            sb.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
