package wslab.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one door to faults. Picks a Toxiproxy backend once per JVM, says which on stderr, and
 * hands out {@link FaultLink}s. Order: a forced backend ({@code -Dwslab.faults.backend} or
 * {@code WSLAB_FAULTS_BACKEND}); {@code TOXIPROXY_URL}; Testcontainers where Docker answers;
 * the embedded server otherwise.
 */
public final class FaultNetwork {

    public static final String BACKEND_PROPERTY = "wslab.faults.backend";
    public static final String BACKEND_ENV = "WSLAB_FAULTS_BACKEND";
    public static final String TOXIPROXY_URL_ENV = "TOXIPROXY_URL";

    private static FaultNetwork shared;

    private final Backend backend;
    private final AtomicInteger links = new AtomicInteger();

    private FaultNetwork(Backend backend) {
        this.backend = backend;
    }

    /** The JVM's fault network, chosen and announced on first use. */
    public static synchronized FaultNetwork shared() {
        if (shared == null) {
            shared = new FaultNetwork(choose(setting(BACKEND_PROPERTY, BACKEND_ENV), System.getenv(TOXIPROXY_URL_ENV)));
            System.err.println("wslab faults: " + shared.backend.describe());
            Runtime.getRuntime().addShutdownHook(new Thread(shared.backend::close, "wslab-faults-shutdown"));
        }
        return shared;
    }

    /** A fault network on the embedded server, owned by the caller (close it). For tests of the proxy itself. */
    public static FaultNetwork embedded() {
        try {
            return new FaultNetwork(new EmbeddedBackend());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Backend choose(String forced, String toxiproxyUrl) {
        try {
            if (forced != null && !forced.isBlank()) {
                return switch (forced.trim().toLowerCase(Locale.ROOT)) {
                    case "embedded" -> new EmbeddedBackend();
                    case "external" -> {
                        if (toxiproxyUrl == null || toxiproxyUrl.isBlank()) {
                            throw new IllegalStateException("fault backend 'external' was forced but TOXIPROXY_URL is not set");
                        }
                        yield new ExternalBackend(toxiproxyUrl);
                    }
                    case "testcontainers" -> {
                        if (!dockerAnswers()) {
                            throw new IllegalStateException("fault backend 'testcontainers' was forced but no Docker engine answers");
                        }
                        yield new TestcontainersBackend();
                    }
                    default -> throw new IllegalStateException("unknown fault backend '" + forced
                            + "'; choose embedded, external or testcontainers");
                };
            }
            if (toxiproxyUrl != null && !toxiproxyUrl.isBlank()) {
                return new ExternalBackend(toxiproxyUrl);
            }
            if (dockerAnswers()) {
                try {
                    return new TestcontainersBackend();
                } catch (RuntimeException e) {
                    System.err.println("wslab faults: Docker answers but Toxiproxy's image could not start ("
                            + e.getMessage() + "); using the embedded server");
                }
            }
            return new EmbeddedBackend();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cheap check before Testcontainers' own probe, which is slow and loud when no engine
     * runs: a TCP DOCKER_HOST, or a Unix socket that accepts a connection.
     */
    static boolean dockerAnswers() {
        String host = System.getenv("DOCKER_HOST");
        boolean maybe;
        if (host != null && !host.isBlank()) {
            maybe = true;
        } else {
            Path socket = Path.of("/var/run/docker.sock");
            maybe = Files.exists(socket) && unixSocketAccepts(socket);
        }
        return maybe && TestcontainersBackend.dockerAvailable();
    }

    private static boolean unixSocketAccepts(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env);
    }

    /** Short name of the backend in use. */
    public String backend() {
        return backend.name();
    }

    public String describe() {
        return backend.describe();
    }

    /** The Toxiproxy API's base URL, for clients in other languages. */
    public String apiUrl() {
        return backend.apiUrl();
    }

    /**
     * A new proxy in front of {@code host:port}. The name gets a counter so concurrent links
     * never collide on one Toxiproxy.
     */
    public FaultLink link(String name, String host, int port) throws IOException {
        String unique = name + "-" + links.incrementAndGet();
        return new FaultLink(backend, backend.createProxy(unique, host, port));
    }

    /** Closes a network from {@link #embedded()}; the shared one closes at JVM exit. */
    public void close() {
        if (this != shared) {
            backend.close();
        }
    }
}
