package wslab.faults.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Toxiproxy's HTTP API: its routes, methods, JSON shapes, status codes and error messages, so
 * toxiproxy-cli and every Toxiproxy client can drive the embedded server.
 */
final class ToxiproxyApi implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_LISTEN = "127.0.0.1:0";

    /** A status with a JSON body, a plain text body, or none. */
    private record Reply(int status, Object json, String text) {
        static Reply json(int status, Object body) {
            return new Reply(status, body, null);
        }

        static Reply text(int status, String body) {
            return new Reply(status, null, body);
        }

        static Reply empty(int status) {
            return new Reply(status, null, null);
        }
    }

    /** What the real server's router answers for a path it does not know or a method a path does not take. */
    private static final Reply NOT_FOUND = Reply.text(404, "404 page not found\n");
    private static final Reply METHOD_NOT_ALLOWED = Reply.empty(405);

    private final ProxyCollection proxies;
    private final String version;

    ToxiproxyApi(ProxyCollection proxies, String version) {
        this.proxies = proxies;
        this.version = version;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            Reply reply;
            String agent = ex.getRequestHeaders().getFirst("User-Agent");
            if (agent != null && agent.startsWith("Mozilla/")) {
                // The real server refuses browsers, so no web page can drive faults behind the user's back.
                reply = Reply.text(403, "User agent not allowed\n");
            } else {
                reply = answer(ex);
            }
            send(ex, reply);
        } finally {
            ex.close();
        }
    }

    private Reply answer(HttpExchange ex) {
        try {
            return route(ex.getRequestMethod(), segments(ex.getRequestURI().getRawPath()), ex.getRequestBody());
        } catch (ApiError e) {
            return Reply.json(e.status, error(e.getMessage(), e.status));
        } catch (IOException | RuntimeException e) {
            // As Toxiproxy: an error without a status of its own (a listen address in use, say) is a 500.
            return Reply.json(500, error(String.valueOf(e.getMessage()), 500));
        }
    }

    private Reply route(String method, List<String> path, InputStream body) throws IOException {
        if (path.size() == 1) {
            switch (path.get(0)) {
                case "version":
                    return method.equals("GET") ? Reply.text(200, "{\"version\": \"" + version + "\"}\n") : METHOD_NOT_ALLOWED;
                case "reset":
                    if (!method.equals("POST")) {
                        return METHOD_NOT_ALLOWED;
                    }
                    proxies.reset();
                    return Reply.empty(204);
                case "populate":
                    return method.equals("POST") ? populate(readJson(body)) : METHOD_NOT_ALLOWED;
                case "proxies":
                    return switch (method) {
                        case "GET" -> Reply.json(200, proxies.toJson());
                        case "POST" -> Reply.json(201, proxies.create(proxySpec(readJson(body))).toJson());
                        default -> METHOD_NOT_ALLOWED;
                    };
                default:
                    return NOT_FOUND;
            }
        }
        if (path.isEmpty() || !path.get(0).equals("proxies") || path.size() > 4 || (path.size() > 2 && !path.get(2).equals("toxics"))) {
            return NOT_FOUND;
        }
        String proxyName = path.get(1);
        if (path.size() == 2) {
            return switch (method) {
                case "GET" -> Reply.json(200, proxies.get(proxyName).toJson());
                case "POST", "PATCH" -> Reply.json(200, updateProxy(proxies.get(proxyName), readJson(body)).toJson());
                case "DELETE" -> {
                    proxies.remove(proxyName);
                    yield Reply.empty(204);
                }
                default -> METHOD_NOT_ALLOWED;
            };
        }
        if (path.size() == 3) {
            return switch (method) {
                case "GET" -> Reply.json(200, proxies.get(proxyName).toxics().stream().map(Toxic::toJson).toList());
                case "POST" -> {
                    ProxyInstance proxy = proxies.get(proxyName);
                    Toxic toxic = ToxicJson.create(readJson(body), name -> proxy.toxic(name).isPresent());
                    proxy.addToxic(toxic);
                    yield Reply.json(200, toxic.toJson());
                }
                default -> METHOD_NOT_ALLOWED;
            };
        }
        String toxicName = path.get(3);
        return switch (method) {
            case "GET" -> Reply.json(200, existingToxic(proxies.get(proxyName), toxicName).toJson());
            case "POST", "PATCH" -> {
                ProxyInstance proxy = proxies.get(proxyName);
                Toxic updated = ToxicJson.update(existingToxic(proxy, toxicName), readJson(body));
                proxy.replaceToxic(updated);
                yield Reply.json(200, updated.toJson());
            }
            case "DELETE" -> {
                ProxyInstance proxy = proxies.get(proxyName);
                proxy.removeToxic(existingToxic(proxy, toxicName));
                yield Reply.empty(204);
            }
            default -> METHOD_NOT_ALLOWED;
        };
    }

    private static Toxic existingToxic(ProxyInstance proxy, String name) {
        return proxy.toxic(name).orElseThrow(ApiError::toxicNotFound);
    }

    private static ProxyCollection.Spec proxySpec(JsonNode spec) {
        return proxySpec(spec, "");
    }

    /** {@code where} names the proxy in a populate list, for the error: " at proxy 3". */
    private static ProxyCollection.Spec proxySpec(JsonNode spec, String where) {
        requireObject(spec);
        String name = text(spec, "name", "");
        if (name.isEmpty()) {
            throw ApiError.missingField("name" + where);
        }
        String upstream = text(spec, "upstream", "");
        if (upstream.isEmpty()) {
            throw ApiError.missingField("upstream" + where);
        }
        return new ProxyCollection.Spec(name, text(spec, "listen", DEFAULT_LISTEN), upstream, bool(spec, "enabled", true));
    }

    /** An update starts from the proxy as it is; the body replaces what it names. */
    private static ProxyInstance updateProxy(ProxyInstance proxy, JsonNode spec) throws IOException {
        requireObject(spec);
        proxy.update(text(spec, "listen", proxy.listen()), text(spec, "upstream", proxy.upstream()),
                bool(spec, "enabled", proxy.isEnabled()));
        return proxy;
    }

    private Reply populate(JsonNode list) throws IOException {
        if (list == null || list.isMissingNode()) {
            throw ApiError.badBody("EOF");
        }
        if (!list.isArray()) {
            throw ApiError.badBody("expected a JSON array of proxies");
        }
        List<ProxyCollection.Spec> specs = new ArrayList<>();
        int i = 0;
        for (JsonNode spec : list) {
            i++;
            specs.add(proxySpec(spec, " at proxy " + i));
        }
        List<Object> populated = proxies.populate(specs).stream().<Object>map(ProxyInstance::toJson).toList();
        return Reply.json(201, Map.of("proxies", populated));
    }

    private static void requireObject(JsonNode spec) {
        ToxicJson.requireObject(spec);
    }

    private static String text(JsonNode spec, String field, String fallback) {
        return ToxicJson.optionalText(spec, field, fallback);
    }

    private static boolean bool(JsonNode spec, String field, boolean fallback) {
        JsonNode v = spec.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw ApiError.badBody(field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static JsonNode readJson(InputStream body) throws IOException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badBody(e.getOriginalMessage());
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> parts = new ArrayList<>();
        String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (trimmed.isEmpty()) {
            return parts;
        }
        for (String s : trimmed.split("/", -1)) {
            parts.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return parts;
    }

    private static Map<String, Object> error(String message, int status) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("error", message);
        e.put("status", status);
        return e;
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        byte[] body;
        if (reply.json() != null) {
            body = JSON.writeValueAsBytes(reply.json());
            ex.getResponseHeaders().set("Content-Type", "application/json");
        } else if (reply.text() != null) {
            body = reply.text().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", reply.text().startsWith("{") ? "application/json;charset=utf-8"
                    : "text/plain; charset=utf-8");
        } else {
            body = new byte[0];
        }
        ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
