package wslab.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;

/** A Toxiproxy server the user runs, named by {@code TOXIPROXY_URL}. */
final class ExternalBackend implements Backend {

    private final URI url;
    private final ToxiproxyClient client;
    private final boolean local;

    ExternalBackend(String url) {
        URI parsed;
        try {
            parsed = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || parsed.getHost() == null || parsed.getPort() < 0) {
            throw new IllegalStateException("TOXIPROXY_URL must look like http://host:8474, not '" + url + "'");
        }
        this.url = parsed;
        this.client = new ToxiproxyClient(parsed.getHost(), parsed.getPort());
        try {
            this.local = InetAddress.getByName(parsed.getHost()).isLoopbackAddress();
            client.version();
        } catch (IOException e) {
            throw new IllegalStateException("no Toxiproxy answers at TOXIPROXY_URL=" + url + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public String describe() {
        return "external Toxiproxy at " + apiUrl();
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public String apiUrl() {
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public Proxy createProxy(String name, String host, int port) throws IOException {
        // A Toxiproxy on another machine must listen where this one can reach it.
        return client.createProxy(name, (local ? "127.0.0.1" : "0.0.0.0") + ":0", host + ":" + port);
    }

    @Override
    public String connectHost(Proxy proxy) {
        return url.getHost();
    }

    @Override
    public int connectPort(Proxy proxy) {
        return Backend.portOf(proxy.getListen());
    }

    @Override
    public void close() {
        // The user's server outlives this run; each link deletes its own proxy.
    }
}
