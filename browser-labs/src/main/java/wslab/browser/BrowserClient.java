package wslab.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import wslab.api.ClientEvents;
import wslab.api.LabClient;

/**
 * A lesson 04 client that runs in headless Chromium: the page {@code reconnect/index.html} with
 * the reference or the starter script, driven through WebDriver. The grader sees a
 * {@link LabClient} like any other; the WebSocket on the wire is the browser's own.
 *
 * <p>One Chromium serves every client (starting one per check would cost seconds each); each
 * client gets its own tab. WebDriver is not thread-safe, so every driver call takes
 * {@link #DRIVER_LOCK}.
 */
public final class BrowserClient implements LabClient {

    /** The page, relative to the served {@code wslab-web/} folder. */
    static final String PAGE = "reconnect/index.html";
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    static final Duration PAGE_READY_TIMEOUT = Duration.ofSeconds(10);

    private static final Object DRIVER_LOCK = new Object();
    private static HeadlessChromium chromium;
    private static String homeTab;
    private static int pagePort;

    /** An event the page reported: a close with its code and reason, or giving up (code -1). */
    private record PageEvent(int code, String reason) {
        static final int GAVE_UP = -1;
    }

    private final String impl;
    private final long seed;
    /** Calls made before start(): replayed on the page once it has loaded, in order. */
    private final List<Consumer<JavascriptExecutor>> beforeStart = new ArrayList<>();
    private String tab;
    private ClientEvents events = ClientEvents.NONE;
    private volatile ScheduledExecutorService poller;
    private boolean closed;

    /**
     * @param impl which script the page loads: {@code reference} or {@code starter}
     * @param seed seeds the page's jitter
     */
    public BrowserClient(String impl, long seed) {
        this.impl = impl;
        this.seed = seed;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        HeadlessChromium.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("browser-" + impl + " needs Chromium: " + reason);
        });
        synchronized (DRIVER_LOCK) {
            if (tab != null || closed) {
                throw new IllegalStateException("a BrowserClient starts once");
            }
            this.events = events;
            WebDriver driver = newTab();
            tab = driver.getWindowHandle();
            try {
                driver.get("http://127.0.0.1:" + pagePort + "/" + PAGE + "?impl=" + impl + "&seed=" + seed);
                awaitPage(driver);
                JavascriptExecutor js = (JavascriptExecutor) driver;
                beforeStart.forEach(call -> call.accept(js));
                beforeStart.clear();
                script(js, "wslab.start(arguments[0])", url.toString());
            } catch (RuntimeException e) {
                closed = true;
                closeTab(driver);
                throw e;
            }
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wslab-browser-" + impl + "-events");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::forwardEvents, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void subscribe(String topic) {
        call(js -> script(js, "wslab.subscribe(arguments[0])", topic));
    }

    @Override
    public void send(String text) {
        call(js -> script(js, "wslab.send(arguments[0])", text));
    }

    /** Clicks the page's Retry now button, as a user does once the client has given up. */
    public void clickRetryNow() {
        call(js -> chromium.driver().findElement(org.openqa.selenium.By.id("retry")).click());
    }

    /** What the page's close() does; the tab stays, so a client that reconnects anyway is seen doing it. */
    @Override
    public void close() {
        synchronized (DRIVER_LOCK) {
            if (closed || tab == null) {
                return;
            }
            try {
                WebDriver driver = chromium.driver();
                driver.switchTo().window(tab);
                ((JavascriptExecutor) driver).executeScript("wslab.close()");
            } catch (RuntimeException e) {
                // close() never throws; dispose() ends the page all the same.
            }
        }
    }

    /** Leaves the page, which ends any socket it still holds, and closes its tab. */
    @Override
    public void dispose() {
        if (poller != null) {
            // No interrupt: a poll cut off inside a WebDriver call could upset the shared session.
            poller.shutdown();
            try {
                poller.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<PageEvent> last = List.of();
        synchronized (DRIVER_LOCK) {
            if (closed || tab == null) {
                closed = true;
                return;
            }
            closed = true;
            WebDriver driver = chromium.driver();
            try {
                driver.switchTo().window(tab);
                JavascriptExecutor js = (JavascriptExecutor) driver;
                last = drain(js);
                js.executeScript("wslab.close()");
            } catch (RuntimeException e) {
                // Leaving the page below ends the client all the same.
            } finally {
                closeTab(driver);
            }
        }
        last.forEach(this::deliver);
    }

    private void call(Consumer<JavascriptExecutor> call) {
        synchronized (DRIVER_LOCK) {
            if (closed) {
                return;
            }
            if (tab == null) {
                beforeStart.add(call);
                return;
            }
            WebDriver driver = chromium.driver();
            driver.switchTo().window(tab);
            call.accept((JavascriptExecutor) driver);
        }
    }

    private void forwardEvents() {
        List<PageEvent> batch;
        synchronized (DRIVER_LOCK) {
            if (closed) {
                return;
            }
            try {
                WebDriver driver = chromium.driver();
                driver.switchTo().window(tab);
                batch = drain((JavascriptExecutor) driver);
            } catch (RuntimeException e) {
                // The tab is going away; close() takes what is left.
                return;
            }
        }
        // Outside the lock: the application may call back into a client.
        batch.forEach(this::deliver);
    }

    /** Leaves the page (which kills any socket a broken client left open), then the tab. */
    private void closeTab(WebDriver driver) {
        try {
            driver.switchTo().window(tab);
            driver.get("about:blank");
            driver.close();
        } catch (RuntimeException ignored) {
            // The tab is gone already.
        }
        try {
            driver.switchTo().window(homeTab);
        } catch (RuntimeException ignored) {
            // The next call reports a dead browser itself.
        }
    }

    /** Takes the page's pending events, oldest first. */
    @SuppressWarnings("unchecked")
    private static List<PageEvent> drain(JavascriptExecutor js) {
        Object raw = js.executeScript(
                "return window.wslab ? window.wslab.events.splice(0)"
                        + ".map(e => e.type === 'gave-up' ? [-1, ''] : [e.code, String(e.reason)]) : []");
        List<PageEvent> events = new ArrayList<>();
        for (Object item : (List<Object>) raw) {
            List<Object> pair = (List<Object>) item;
            events.add(new PageEvent(((Number) pair.get(0)).intValue(), (String) pair.get(1)));
        }
        return events;
    }

    private void deliver(PageEvent event) {
        try {
            if (event.code() == PageEvent.GAVE_UP) {
                events.gaveUp();
            } else {
                events.closed(event.code(), event.reason());
            }
        } catch (RuntimeException e) {
            // The application's bug; later events still come.
        }
    }

    private void script(JavascriptExecutor js, String script, Object... args) {
        try {
            js.executeScript(script, args);
        } catch (WebDriverException e) {
            throw new IllegalStateException("browser-" + impl + ": " + script + " threw: " + firstLine(e.getMessage()), e);
        }
    }

    private void awaitPage(WebDriver driver) {
        Object state;
        try {
            state = new WebDriverWait(driver, PAGE_READY_TIMEOUT).until(d -> ((JavascriptExecutor) d).executeScript(
                    "return window.wslab ? 'ready' : (window.wslabError || null)"));
        } catch (WebDriverException e) {
            throw new IllegalStateException("browser-" + impl + ": " + PAGE + " did not become ready in "
                    + PAGE_READY_TIMEOUT.toSeconds() + " s: " + firstLine(e.getMessage()), e);
        }
        if (!"ready".equals(state)) {
            throw new IllegalStateException("browser-" + impl + ": " + PAGE + " could not load its client: " + state);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Opens a tab in the shared browser; one that has died since the last client is replaced. */
    private static WebDriver newTab() {
        try {
            return browser().switchTo().newWindow(WindowType.TAB);
        } catch (WebDriverException e) {
            try {
                chromium.close();
            } catch (RuntimeException ignored) {
                // It is dead already.
            }
            chromium = null;
            return browser().switchTo().newWindow(WindowType.TAB);
        }
    }

    /** The shared browser and page server, started on first use. Call with {@link #DRIVER_LOCK} held. */
    private static WebDriver browser() {
        if (pagePort == 0) {
            pagePort = PageServer.start();
        }
        if (chromium == null) {
            try {
                chromium = HeadlessChromium.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException("Chromium did not start: " + firstLine(e.getMessage()), e);
            }
            homeTab = chromium.driver().getWindowHandle();
            HeadlessChromium started = chromium;
            // Quits the browser the JVM would otherwise leave behind (a replaced one quits twice, harmlessly).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (RuntimeException ignored) {
                    // The JVM is going; chromedriver dies with it.
                }
            }, "wslab-chromium-quit"));
        }
        return chromium.driver();
    }

    /** Serves the {@code wslab-web/} classpath folder, as the portal does under {@code /web/}. */
    static final class PageServer {

        private static final String ROOT = "wslab-web/";
        private static final Map<String, String> TYPES = Map.of(
                "html", "text/html; charset=utf-8",
                "js", "text/javascript; charset=utf-8",
                "css", "text/css; charset=utf-8",
                "svg", "image/svg+xml",
                "png", "image/png");

        private PageServer() {
        }

        /** Starts the server and returns its port. */
        static int start() {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve the browser pages", e);
            }
            server.createContext("/", PageServer::serve);
            // The dispatcher thread takes its daemon flag from the thread that starts it, and a
            // non-daemon one would keep the JVM alive after the grader is done.
            Thread starter = new Thread(server::start, "wslab-pages-start");
            starter.setDaemon(true);
            starter.start();
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return server.getAddress().getPort();
        }

        private static void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath().substring(1);
                boolean get = exchange.getRequestMethod().equals("GET");
                if (!get && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                InputStream in = path.contains("..") || path.isEmpty() || path.endsWith("/")
                        ? null : BrowserClient.class.getClassLoader().getResourceAsStream(ROOT + path);
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                try (in) {
                    byte[] body = in.readAllBytes();
                    String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                    exchange.getResponseHeaders().set("Content-Type",
                            TYPES.getOrDefault(extension, "application/octet-stream"));
                    exchange.getResponseHeaders().set("Cache-Control", "no-store");
                    exchange.sendResponseHeaders(200, get ? body.length : -1);
                    if (get) {
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                }
            }
        }
    }
}
