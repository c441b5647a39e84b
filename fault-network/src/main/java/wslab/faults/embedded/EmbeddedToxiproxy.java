package wslab.faults.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Java server that speaks Toxiproxy's HTTP API (v2.12) and implements its toxics, so checks,
 * {@code toxiproxy-cli} and every Toxiproxy client work where no Toxiproxy binary or image can
 * be had. Status codes and JSON shapes follow the real server's.
 */
public final class EmbeddedToxiproxy implements AutoCloseable {

    /** The Toxiproxy version whose API this one follows. */
    public static final String COMPATIBLE_VERSION = "2.12.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final ScheduledExecutorService timers;
    private final Map<String, ProxyInstance> proxies = new LinkedHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private EmbeddedToxiproxy(HttpServer http, ScheduledExecutorService timers) {
        this.http = http;
        this.timers = timers;
    }

    /** Starts the API on {@code host:port} (0 picks a free port). */
    public static EmbeddedToxiproxy start(String host, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "toxiproxy-timers");
            t.setDaemon(true);
            return t;
        });
        EmbeddedToxiproxy server = new EmbeddedToxiproxy(http, timers);
        http.createContext("/", server::handle);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "toxiproxy-api");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return "http://" + http.getAddress().getHostString() + ":" + port();
    }

    /** Blocks until {@link #close()} is called. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        synchronized (proxies) {
            proxies.values().forEach(ProxyInstance::disable);
            proxies.clear();
        }
        http.stop(0);
        timers.shutdownNow();
        closed.countDown();
    }

    // ---- HTTP API ----

    private record Answer(int status, Object body) {
    }

    /** An API error, answered as {@code {"error": ..., "status": N}} like the real server. */
    private static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Answer answer;
        try {
            // The real server refuses browsers, so a web page can never drive faults directly.
            String agent = ex.getRequestHeaders().getFirst("User-Agent");
            if (agent != null && agent.startsWith("Mozilla/")) {
                throw new ApiError(403, "User agent not allowed");
            }
            answer = route(ex.getRequestMethod().toUpperCase(Locale.ROOT), ex.getRequestURI().getPath(), ex.getRequestBody());
        } catch (ApiError e) {
            answer = new Answer(e.status, error(e.getMessage(), e.status));
        } catch (RuntimeException e) {
            answer = new Answer(500, error(String.valueOf(e.getMessage()), 500));
        }
        byte[] body = answer.body() == null ? new byte[0]
                : answer.body() instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(answer.body());
        ex.getResponseHeaders().set("Content-Type", answer.body() instanceof String ? "text/plain;charset=utf-8" : "application/json");
        ex.sendResponseHeaders(answer.status(), answer.status() == 204 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (answer.status() != 204) {
                out.write(body);
            }
        }
    }

    private static Map<String, Object> error(String message, int status) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("error", message);
        e.put("status", status);
        return e;
    }

    private Answer route(String method, String path, InputStream body) throws IOException {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        synchronized (proxies) {
            if (p.length == 1 && p[0].equals("version") && method.equals("GET")) {
                return new Answer(200, Map.of("version", COMPATIBLE_VERSION));
            }
            if (p.length == 1 && p[0].equals("reset") && method.equals("POST")) {
                for (ProxyInstance proxy : proxies.values()) {
                    proxy.removeAllToxics();
                    proxy.enable();
                }
                return new Answer(204, null);
            }
            if (p.length == 1 && p[0].equals("populate") && method.equals("POST")) {
                return populate(readJson(body));
            }
            if (p.length >= 1 && p[0].equals("proxies")) {
                if (p.length == 1) {
                    return switch (method) {
                        case "GET" -> new Answer(200, allProxies());
                        case "POST" -> new Answer(201, createProxy(readJson(body)).toJson());
                        default -> throw new ApiError(405, "method not allowed");
                    };
                }
                ProxyInstance proxy = proxies.get(p[1]);
                if (proxy == null) {
                    throw new ApiError(404, "proxy not found");
                }
                if (p.length == 2) {
                    return switch (method) {
                        case "GET" -> new Answer(200, proxy.toJson());
                        case "POST", "PATCH" -> new Answer(200, updateProxy(proxy, readJson(body)).toJson());
                        case "DELETE" -> {
                            proxy.disable();
                            proxies.remove(proxy.name());
                            yield new Answer(204, null);
                        }
                        default -> throw new ApiError(405, "method not allowed");
                    };
                }
                if (p[2].equals("toxics")) {
                    return toxics(proxy, method, p.length > 3 ? p[3] : null, body);
                }
            }
            throw new ApiError(404, "not found");
        }
    }

    private Map<String, Object> allProxies() {
        Map<String, Object> all = new LinkedHashMap<>();
        proxies.forEach((name, proxy) -> all.put(name, proxy.toJson()));
        return all;
    }

    private ProxyInstance createProxy(JsonNode spec) throws IOException {
        String name = requiredText(spec, "name");
        String upstream = requiredText(spec, "upstream");
        String listen = spec.hasNonNull("listen") ? spec.get("listen").asText() : "127.0.0.1:0";
        if (proxies.containsKey(name)) {
            throw new ApiError(409, "proxy already exists");
        }
        ProxyInstance proxy;
        try {
            proxy = new ProxyInstance(name, listen, upstream, timers);
            if (!spec.has("enabled") || spec.get("enabled").asBoolean(true)) {
                proxy.enable();
            }
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        } catch (IOException e) {
            throw new ApiError(500, "listen " + listen + ": " + e.getMessage());
        }
        proxies.put(name, proxy);
        return proxy;
    }

    private ProxyInstance updateProxy(ProxyInstance proxy, JsonNode spec) {
        try {
            proxy.update(textOrNull(spec, "listen"), textOrNull(spec, "upstream"),
                    spec.hasNonNull("enabled") ? spec.get("enabled").asBoolean() : null);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        } catch (IOException e) {
            throw new ApiError(500, e.getMessage());
        }
        return proxy;
    }

    /** Creates the listed proxies, replacing any with the same name, as {@code toxiproxy-server -config} does. */
    private Answer populate(JsonNode list) throws IOException {
        if (!list.isArray()) {
            throw new ApiError(400, "populate takes a JSON array of proxies");
        }
        List<Object> created = new ArrayList<>();
        for (JsonNode spec : list) {
            ProxyInstance old = proxies.remove(requiredText(spec, "name"));
            if (old != null) {
                old.disable();
            }
            created.add(createProxy(spec).toJson());
        }
        return new Answer(201, Map.of("proxies", created));
    }

    private Answer toxics(ProxyInstance proxy, String method, String toxicName, InputStream body) throws IOException {
        if (toxicName == null) {
            return switch (method) {
                case "GET" -> new Answer(200, proxy.toxics().stream().map(Toxic::toJson).toList());
                case "POST" -> {
                    Toxic t = parseToxic(readJson(body), null);
                    if (proxy.toxics().stream().anyMatch(x -> x.name().equals(t.name()))) {
                        throw new ApiError(409, "toxic already exists");
                    }
                    proxy.addToxic(t);
                    yield new Answer(200, t.toJson());
                }
                default -> throw new ApiError(405, "method not allowed");
            };
        }
        Toxic existing = proxy.toxics().stream().filter(t -> t.name().equals(toxicName)).findFirst()
                .orElseThrow(() -> new ApiError(404, "toxic not found"));
        return switch (method) {
            case "GET" -> new Answer(200, existing.toJson());
            case "POST", "PATCH" -> {
                Toxic updated = parseToxic(readJson(body), existing);
                proxy.replaceToxic(updated);
                yield new Answer(200, updated.toJson());
            }
            case "DELETE" -> {
                proxy.removeToxic(toxicName);
                yield new Answer(204, null);
            }
            default -> throw new ApiError(405, "method not allowed");
        };
    }

    /** A new toxic from {@code spec}, or {@code base} with {@code spec}'s changes merged in. */
    private static Toxic parseToxic(JsonNode spec, Toxic base) {
        ToxicType type;
        if (base != null) {
            type = base.type();
        } else {
            String typeName = requiredText(spec, "type");
            type = ToxicType.fromWire(typeName).orElseThrow(() -> new ApiError(400, "invalid toxic type: " + typeName));
        }
        Toxic.Stream stream = base != null ? base.stream() : Toxic.Stream.DOWNSTREAM;
        if (spec.hasNonNull("stream")) {
            stream = switch (spec.get("stream").asText().toLowerCase(Locale.ROOT)) {
                case "upstream" -> Toxic.Stream.UPSTREAM;
                case "downstream" -> Toxic.Stream.DOWNSTREAM;
                default -> throw new ApiError(400, "stream must be upstream or downstream");
            };
        }
        double toxicity = base != null ? base.toxicity() : 1.0;
        if (spec.has("toxicity")) {
            JsonNode tox = spec.get("toxicity");
            if (!tox.isNumber() || tox.asDouble() < 0 || tox.asDouble() > 1) {
                throw new ApiError(400, "toxicity must be a number between 0 and 1");
            }
            toxicity = tox.asDouble();
        }
        Map<String, Long> attributes = new HashMap<>(base != null ? base.attributes() : Map.of());
        JsonNode attrs = spec.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw new ApiError(400, "attributes must be an object");
            }
            for (String a : type.attributes) {
                JsonNode v = attrs.get(a);
                if (v == null || v.isNull()) {
                    continue;
                }
                if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                    throw new ApiError(400, "attribute " + a + " must be a non-negative integer");
                }
                attributes.put(a, v.asLong());
            }
        }
        String name = base != null ? base.name()
                : spec.hasNonNull("name") && !spec.get("name").asText().isEmpty() ? spec.get("name").asText()
                : type.wireName() + "_" + stream.wireName();
        return new Toxic(name, type, stream, toxicity, attributes);
    }

    private static JsonNode readJson(InputStream body) throws IOException {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "bad request body: " + e.getOriginalMessage());
        }
    }

    private static String requiredText(JsonNode spec, String field) {
        if (!(spec instanceof ObjectNode) || !spec.hasNonNull(field) || spec.get(field).asText().isEmpty()) {
            throw new ApiError(400, "missing required field: " + field);
        }
        return spec.get(field).asText();
    }

    private static String textOrNull(JsonNode spec, String field) {
        return spec.hasNonNull(field) ? spec.get(field).asText() : null;
    }
}
