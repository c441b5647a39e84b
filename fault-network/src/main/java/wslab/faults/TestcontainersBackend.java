package wslab.faults;

import java.io.IOException;
import java.util.BitSet;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real Toxiproxy in a container. The graded server runs on the host, so each link's
 * upstream is {@code host.testcontainers.internal} with the host port exposed to the container.
 * The only class that touches Testcontainers, so the other backends never load Docker code.
 */
final class TestcontainersBackend implements Backend {

    static final String IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";
    /** ToxiproxyContainer exposes 8666-8697 for proxies. */
    private static final int FIRST_PROXY_PORT = 8666;
    private static final int PROXY_PORTS = 32;

    private final ToxiproxyContainer container;
    private final ToxiproxyClient client;
    private final BitSet used = new BitSet(PROXY_PORTS);

    TestcontainersBackend() {
        container = new ToxiproxyContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("shopify/toxiproxy"));
        container.start();
        client = new ToxiproxyClient(container.getHost(), container.getControlPort());
    }

    /** Whether Docker answers; Testcontainers' own probe, run only after a cheap socket check passed. */
    static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "Testcontainers Toxiproxy (" + IMAGE + ") at " + apiUrl();
    }

    @Override
    public String name() {
        return "testcontainers";
    }

    @Override
    public String apiUrl() {
        return "http://" + container.getHost() + ":" + container.getControlPort();
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public synchronized Proxy createProxy(String name, String host, int port) throws IOException {
        int slot = used.nextClearBit(0);
        if (slot >= PROXY_PORTS) {
            throw new IOException("all " + PROXY_PORTS + " Toxiproxy container ports are in use");
        }
        used.set(slot);
        Testcontainers.exposeHostPorts(port);
        return client.createProxy(name, "0.0.0.0:" + (FIRST_PROXY_PORT + slot), "host.testcontainers.internal:" + port);
    }

    synchronized void release(Proxy proxy) {
        used.clear(Backend.portOf(proxy.getListen()) - FIRST_PROXY_PORT);
    }

    @Override
    public String connectHost(Proxy proxy) {
        return container.getHost();
    }

    @Override
    public int connectPort(Proxy proxy) {
        return container.getMappedPort(Backend.portOf(proxy.getListen()));
    }

    @Override
    public void close() {
        container.stop();
    }
}
