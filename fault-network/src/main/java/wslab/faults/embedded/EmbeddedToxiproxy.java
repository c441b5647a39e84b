package wslab.faults.embedded;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A Java server that speaks Toxiproxy's HTTP API (v2.12.0) and implements its toxics, so checks,
 * {@code toxiproxy-cli} and every Toxiproxy client work where no Toxiproxy binary or image can
 * be had. Any number may run in one JVM; {@link #close()} stops the API, every proxy and every
 * connection through them.
 */
public final class EmbeddedToxiproxy implements AutoCloseable {

    /** The Toxiproxy release whose API and toxics this server follows; {@code GET /version} answers it. */
    public static final String COMPATIBLE_VERSION = "2.12.0";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    static {
        // The JDK server writes a response's headers and body in two segments; with Nagle on, the
        // body waits for the client's delayed ACK, about 40 ms per API call. Read once, when the
        // JDK's server configuration loads, so it must be set before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService apiThreads;
    private final ProxyCollection proxies;
    private final String threadTag;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private EmbeddedToxiproxy(HttpServer http, ExecutorService apiThreads, ProxyCollection proxies, String threadTag) {
        this.http = http;
        this.apiThreads = apiThreads;
        this.proxies = proxies;
        this.threadTag = threadTag;
    }

    /** Starts the API on {@code host:port}; port 0 picks a free one. Its proxies listen on real sockets. */
    public static EmbeddedToxiproxy start(String host, int port) throws IOException {
        String tag = "wslab-toxiproxy-" + INSTANCES.incrementAndGet();
        return start(host, port, tag, (name, listen, upstream) -> new SocketProxy(name, listen, upstream, tag));
    }

    /**
     * Starts an API (on a real socket) whose proxies live in simulations: each proxy's name must
     * have been given its simulation with {@link SimulatedProxies#assign} before it is created.
     */
    public static EmbeddedToxiproxy startSimulated(String host, int port) throws IOException {
        String tag = "wslab-toxiproxy-sim-" + INSTANCES.incrementAndGet();
        return start(host, port, tag, SimulatedProxies::create);
    }

    private static EmbeddedToxiproxy start(String host, int port, String tag, ProxyCollection.Factory factory)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        AtomicInteger apiThreadCount = new AtomicInteger();
        ExecutorService apiThreads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, tag + "-api-" + apiThreadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ProxyCollection proxies = new ProxyCollection(factory);
        http.createContext("/", new ToxiproxyApi(proxies, COMPATIBLE_VERSION));
        http.setExecutor(apiThreads);
        startAsDaemon(http);
        return new EmbeddedToxiproxy(http, apiThreads, proxies, tag);
    }

    /**
     * The JDK's dispatcher thread takes its daemon flag from the thread that starts it; started
     * from a daemon thread, a forgotten server never keeps the JVM from exiting.
     */
    private static void startAsDaemon(HttpServer http) throws IOException {
        Thread starter = new Thread(http::start, "wslab-toxiproxy-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.stop(0);
            throw new InterruptedIOException("interrupted while starting the Toxiproxy API");
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String host() {
        return http.getAddress().getHostString();
    }

    /** {@code http://host:port}, what {@code TOXIPROXY_URL} and toxiproxy-cli's {@code --host} take. */
    public String url() {
        return "http://" + host() + ":" + port();
    }

    /** The prefix of every thread this server starts, so a test can see that none outlives it. */
    public String threadPrefix() {
        return threadTag;
    }

    /** Blocks until {@link #close()} has finished, for a command line that serves until stopped. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** As {@link #awaitClose()}, giving up after {@code timeout}; true if it closed. */
    public boolean awaitClose(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // The API goes first, so nothing creates a proxy while the proxies are being stopped.
        http.stop(0);
        apiThreads.shutdownNow();
        proxies.closeAll();
        closed.countDown();
    }
}
