package wslab.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one door to faults. Picks a Toxiproxy backend once per JVM, says which in one line on
 * stderr, and hands out {@link FaultLink}s. Order: a forced backend ({@code -Dwslab.faults.backend}
 * or {@code WSLAB_FAULTS_BACKEND}: embedded, external or testcontainers); an external Toxiproxy
 * when {@code TOXIPROXY_URL} is set; the real Toxiproxy in a container when a Docker engine
 * answers and the image can be had; the embedded server otherwise.
 */
public final class FaultNetwork implements AutoCloseable {

    public static final String BACKEND_PROPERTY = "wslab.faults.backend";
    public static final String BACKEND_ENV = "WSLAB_FAULTS_BACKEND";
    public static final String TOXIPROXY_URL_ENV = "TOXIPROXY_URL";

    private static FaultNetwork shared;

    private final Backend backend;
    private final boolean owned;
    /** One counter for the JVM: several networks (simulated ones) may share one Toxiproxy API. */
    private static final AtomicInteger LINKS = new AtomicInteger();

    private FaultNetwork(Backend backend, boolean owned) {
        this.backend = backend;
        this.owned = owned;
    }

    /** The JVM's fault network, chosen and announced on first use; it closes when the JVM exits. */
    public static synchronized FaultNetwork shared() {
        if (shared == null) {
            shared = choose(System.err);
        }
        return shared;
    }

    /** Chooses as {@link #shared()} does and prints the one line to {@code log}; the caller owns the result. */
    static FaultNetwork choose(PrintStream log) {
        Backend b = choose(setting(BACKEND_PROPERTY, BACKEND_ENV), System.getenv(TOXIPROXY_URL_ENV),
                DockerProbe::engineAnswers, () -> new TestcontainersBackend());
        log.println("wslab faults: " + b.describe());
        Runtime.getRuntime().addShutdownHook(new Thread(b::close, "wslab-faults-shutdown"));
        return new FaultNetwork(b, false);
    }

    /** A fault network on a fresh embedded server, owned by the caller, who closes it. For tests and benchmarks of the proxy itself. */
    public static FaultNetwork embedded() {
        try {
            return new FaultNetwork(new EmbeddedBackend(null), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fault network inside {@code sim}: its links are proxies on the simulated network, set up
     * and faulted through the Toxiproxy API like any other, their toxics timed by the virtual clock.
     */
    public static FaultNetwork simulated(wslab.sim.Simulation sim) {
        return new FaultNetwork(new SimulatedBackend(sim), true);
    }

    /**
     * The selection itself, with Docker's answer and the container's start passed in so tests can
     * play both without an engine. {@code testcontainers} is a lambda, never a method reference:
     * a reference would load the Testcontainers backend class even when it is not used.
     */
    static Backend choose(String forced, String toxiproxyUrl, BooleanSupplier dockerAnswers, Supplier<Backend> testcontainers) {
        try {
            if (forced != null && !forced.isBlank()) {
                switch (forced.trim().toLowerCase(Locale.ROOT)) {
                    case "embedded":
                        return new EmbeddedBackend(null);
                    case "external":
                        if (toxiproxyUrl == null || toxiproxyUrl.isBlank()) {
                            throw new IllegalStateException("fault backend 'external' was forced but TOXIPROXY_URL is not set");
                        }
                        return new ExternalBackend(toxiproxyUrl);
                    case "testcontainers":
                        if (!dockerAnswers.getAsBoolean()) {
                            throw new IllegalStateException("fault backend 'testcontainers' was forced but no Docker engine answers");
                        }
                        return testcontainers.get();
                    default:
                        throw new IllegalStateException("unknown fault backend '" + forced.trim()
                                + "'; choose embedded, external or testcontainers");
                }
            }
            if (toxiproxyUrl != null && !toxiproxyUrl.isBlank()) {
                return new ExternalBackend(toxiproxyUrl);
            }
            if (dockerAnswers.getAsBoolean()) {
                try {
                    return testcontainers.get();
                } catch (RuntimeException e) {
                    return new EmbeddedBackend("Docker answers but " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
                }
            }
            return new EmbeddedBackend(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null && !v.isBlank() ? v : System.getenv(env);
    }

    /** Short name of the backend in use: embedded, external or testcontainers. */
    public String backend() {
        return backend.name();
    }

    /** The line printed when the backend was chosen. */
    public String describe() {
        return backend.describe();
    }

    /** The Toxiproxy API's base URL, for clients in other languages. */
    public String apiUrl() {
        return backend.apiUrl();
    }

    /**
     * A new proxy in front of {@code upstreamHost:upstreamPort}. The name is made safe for URL
     * paths and gets the process id and a counter, so links never collide on one Toxiproxy, even
     * one shared by several runs.
     */
    public FaultLink link(String name, String upstreamHost, int upstreamPort) throws IOException {
        String unique = name.replaceAll("[^A-Za-z0-9_-]", "-") + "-" + ProcessHandle.current().pid() + "-" + LINKS.incrementAndGet();
        return new FaultLink(backend, backend.createProxy(unique, upstreamHost, upstreamPort));
    }

    /** Closes a network from {@link #embedded()}; the shared one closes when the JVM exits. */
    @Override
    public void close() {
        if (owned) {
            backend.close();
        }
    }
}
