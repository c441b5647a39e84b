package wslab.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicList;

/**
 * A faulty TCP link to one server: connect to {@link #host()}:{@link #port()} instead of the
 * server, and set toxics with the Toxiproxy client through {@link #toxics()}. Closing it deletes
 * the proxy and with it every connection through it.
 */
public final class FaultLink implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Backend backend;
    private final Proxy proxy;

    FaultLink(Backend backend, Proxy proxy) {
        this.backend = backend;
        this.proxy = proxy;
    }

    /** Where clients connect instead of the server. */
    public String host() {
        return backend.connectHost(proxy);
    }

    public int port() {
        return backend.connectPort(proxy);
    }

    /** {@code target} with its host and port replaced by this link's: {@code ws://server:80/chat} becomes {@code ws://127.0.0.1:41234/chat}. */
    public URI rewrite(URI target) {
        try {
            return new URI(target.getScheme(), target.getUserInfo(), host(), port(), target.getPath(), target.getQuery(),
                    target.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot rewrite " + target + ": " + e.getMessage(), e);
        }
    }

    /** The Toxiproxy client's proxy: enable, disable, toxics. */
    public Proxy proxy() {
        return proxy;
    }

    public ToxicList toxics() {
        return proxy.toxics();
    }

    /** Which backend carries this link: embedded, external or testcontainers. */
    public String backend() {
        return backend.name();
    }

    /** Removes every toxic and enables the proxy: a clean link again. */
    public void reset() {
        try {
            for (Toxic t : proxy.toxics().getAll()) {
                t.remove();
            }
            proxy.enable();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The toxics on the link now, one line each, e.g.
     * {@code slicer downstream average_size=1 size_variation=0 delay=200µs toxicity=1.0}; for reports.
     * Read as JSON from the API so every backend's answer reads the same.
     */
    public List<String> activeToxics() {
        try {
            HttpRequest get = HttpRequest.newBuilder(URI.create(backend.apiUrl() + "/proxies/" + proxy.getName() + "/toxics"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of("(toxics unavailable: HTTP " + response.statusCode() + ")");
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode t : JSON.readTree(response.body())) {
                lines.add(ToxicDescriptions.describe(t));
            }
            return lines;
        } catch (IOException e) {
            return List.of("(toxics unavailable: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(toxics unavailable: interrupted)");
        }
    }

    /** Deletes the proxy; its connections close with it. */
    @Override
    public void close() {
        try {
            proxy.delete();
        } catch (IOException e) {
            // The backend may already be gone at shutdown; there is nothing left to delete.
        }
        backend.release(proxy);
    }

    @Override
    public String toString() {
        return "FaultLink[" + proxy.getName() + " " + host() + ":" + port() + " -> " + proxy.getUpstream() + " via " + backend() + "]";
    }
}
