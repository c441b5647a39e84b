package wslab.faults;

import java.io.IOException;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import wslab.faults.embedded.EmbeddedToxiproxy;

/** The Java Toxiproxy-compatible server, in this JVM, on a free loopback port. */
final class EmbeddedBackend implements Backend {

    private final EmbeddedToxiproxy server;
    private final ToxiproxyClient client;
    private final String note;

    /** {@code note}, if not null, says why this backend was chosen over a preferred one. */
    EmbeddedBackend(String note) throws IOException {
        server = EmbeddedToxiproxy.start("127.0.0.1", 0);
        client = new ToxiproxyClient("127.0.0.1", server.port());
        this.note = note;
    }

    @Override
    public String describe() {
        return "embedded Toxiproxy-compatible server (API " + EmbeddedToxiproxy.COMPATIBLE_VERSION + ") at " + server.url()
                + (note == null ? "" : " (" + note + ")");
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String apiUrl() {
        return server.url();
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public Proxy createProxy(String name, String host, int port) throws IOException {
        return client.createProxy(name, "127.0.0.1:0", host + ":" + port);
    }

    @Override
    public String connectHost(Proxy proxy) {
        return "127.0.0.1";
    }

    @Override
    public int connectPort(Proxy proxy) {
        return Backend.portOf(proxy.getListen());
    }

    @Override
    public void close() {
        server.close();
    }
}
