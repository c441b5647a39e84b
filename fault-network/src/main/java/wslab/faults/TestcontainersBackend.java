package wslab.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.BitSet;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real Toxiproxy in a container. The only class that names Testcontainers, so the other
 * backends never load Docker code; {@link FaultNetwork} reaches it only through lambdas, which
 * resolve it when they run.
 *
 * <p>The server under test runs on the host, so an upstream on this machine is spelled
 * {@code host.testcontainers.internal} and its port exposed to the container.
 */
final class TestcontainersBackend implements Backend {

    static final String IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";
    /** ToxiproxyContainer exposes 8666-8697 for proxies. */
    private static final int FIRST_PROXY_PORT = 8666;
    private static final int PROXY_PORTS = 32;
    private static final String HOST_FROM_CONTAINER = "host.testcontainers.internal";

    private final ToxiproxyContainer container;
    private final ToxiproxyClient client;
    private final BitSet used = new BitSet(PROXY_PORTS);

    /** Starts the container; a pull or start failure is an IllegalStateException with a one-line message. */
    TestcontainersBackend() {
        // Host access must be asked for before the container starts: only then does it get the
        // host.testcontainers.internal name. Ports exposed later are forwarded as they come.
        ToxiproxyContainer c = new ToxiproxyContainer(DockerImageName.parse(IMAGE)).withAccessToHost(true);
        try {
            c.start();
        } catch (RuntimeException e) {
            try {
                c.stop();
            } catch (RuntimeException ignored) {
                // The start failure is the news; a failed cleanup adds nothing.
            }
            throw new IllegalStateException(IMAGE + " could not start: " + oneLine(e), e);
        }
        container = c;
        client = new ToxiproxyClient(container.getHost(), container.getControlPort());
    }

    /** Testcontainers' own check, called only after {@link DockerProbe} found an engine socket. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
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
            throw new IOException("all " + PROXY_PORTS + " proxy ports of the Toxiproxy container are in use");
        }
        String upstream;
        if (isThisMachine(host)) {
            Testcontainers.exposeHostPorts(port);
            upstream = HOST_FROM_CONTAINER + ":" + port;
        } else {
            upstream = host + ":" + port;
        }
        Proxy proxy = client.createProxy(name, "0.0.0.0:" + (FIRST_PROXY_PORT + slot), upstream);
        used.set(slot);
        return proxy;
    }

    @Override
    public synchronized void release(Proxy proxy) {
        int slot = Backend.portOf(proxy.getListen()) - FIRST_PROXY_PORT;
        if (slot >= 0 && slot < PROXY_PORTS) {
            used.clear(slot);
        }
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

    private static boolean isThisMachine(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
        return text.replaceAll("\\s+", " ").trim();
    }
}
