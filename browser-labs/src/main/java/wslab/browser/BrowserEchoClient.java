package wslab.browser;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;
import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.LabClient;
import wslab.api.RealTime;

/**
 * Chromium's own WebSocket as a lesson 02c echo client: the page {@code frames-client/index.html}
 * in headless Chromium, driven through WebDriver. Everything on the wire is the browser's.
 *
 * <p>The client suite starts a fresh client for each of its cases, so one tab serves them all:
 * each client is one WebSocket in that tab, opened with one script call, and one poller takes
 * every connection end the page records and hands it to its client. (A tab per case, as
 * lesson 04's {@link BrowserClient} opens, would cost a page load per case.) WebDriver is not
 * thread-safe, so every driver call takes {@link #DRIVER_LOCK}.
 */
public final class BrowserEchoClient implements LabClient {

    static final String PAGE = "frames-client/index.html";
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    static final Duration PAGE_READY_TIMEOUT = Duration.ofSeconds(10);
    static final String WHY = "a browser runs on the wall clock and the real network";

    private static final Object DRIVER_LOCK = new Object();
    private static final Map<Long, BrowserEchoClient> OPEN = new ConcurrentHashMap<>();
    private static HeadlessChromium chromium;
    private static int pagePort;
    private static ScheduledExecutorService poller;

    private volatile ClientEvents events = ClientEvents.NONE;
    private long id = -1;
    private boolean disposed;

    @Override
    public void start(URI url, ClientEvents events) {
        HeadlessChromium.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the chromium client needs Chromium: " + reason);
        });
        this.events = events;
        synchronized (DRIVER_LOCK) {
            if (id >= 0 || disposed) {
                throw new IllegalStateException("a BrowserEchoClient starts once");
            }
            Object opened;
            try {
                opened = page().executeScript("return window.wslab.open(arguments[0])", url.toString());
            } catch (WebDriverException e) {
                // The browser may have died since the last client: start a new one, once.
                restart();
                opened = page().executeScript("return window.wslab.open(arguments[0])", url.toString());
            }
            id = ((Number) opened).longValue();
            OPEN.put(id, this);
        }
    }

    /** Echo clients have no topics. */
    @Override
    public void subscribe(String topic) {
    }

    /** The suite never asks an echo client to send on its own. */
    @Override
    public void send(String text) {
    }

    /** The page's close(): the browser starts the closing handshake. */
    @Override
    public void close() {
        synchronized (DRIVER_LOCK) {
            if (id < 0 || chromium == null) {
                return;
            }
            try {
                page().executeScript("window.wslab.close(arguments[0])", id);
            } catch (RuntimeException e) {
                // close() never throws.
            }
        }
    }

    /** Ends the connection if it is still there; nothing more is reported. */
    @Override
    public void dispose() {
        close();
        synchronized (DRIVER_LOCK) {
            disposed = true;
            OPEN.remove(id);
        }
    }

    private void deliver(int code, String reason) {
        try {
            events.closed(code, reason);
        } catch (RuntimeException e) {
            // The application's bug; later events still come.
        }
    }

    /** Takes the page's connection ends and hands each to its client. */
    @SuppressWarnings("unchecked")
    private static void forwardEvents() {
        List<Object> batch;
        synchronized (DRIVER_LOCK) {
            if (chromium == null || OPEN.isEmpty()) {
                return;
            }
            try {
                batch = (List<Object>) ((JavascriptExecutor) chromium.driver()).executeScript(
                        "return window.wslab ? window.wslab.events.splice(0).map(e => [e.id, e.code, String(e.reason)]) : []");
            } catch (RuntimeException e) {
                return;
            }
        }
        for (Object item : batch) {
            List<Object> event = (List<Object>) item;
            BrowserEchoClient client = OPEN.remove(((Number) event.get(0)).longValue());
            if (client != null) {
                client.deliver(((Number) event.get(1)).intValue(), (String) event.get(2));
            }
        }
    }

    /** The tab with the page, the browser and the page server started on first use. Call with the lock held. */
    private static JavascriptExecutor page() {
        if (pagePort == 0) {
            pagePort = BrowserClient.PageServer.start();
        }
        if (chromium == null) {
            try {
                chromium = HeadlessChromium.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException("Chromium did not start: " + e.getMessage(), e);
            }
            HeadlessChromium started = chromium;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (RuntimeException ignored) {
                    // The JVM is going; chromedriver dies with it.
                }
            }, "wslab-chromium-echo-quit"));
            WebDriver driver = chromium.driver();
            driver.get("http://127.0.0.1:" + pagePort + "/" + PAGE);
            new WebDriverWait(driver, PAGE_READY_TIMEOUT).until(d -> ((JavascriptExecutor) d).executeScript(
                    "return window.wslab ? true : null"));
            if (poller == null) {
                poller = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "wslab-chromium-echo-events");
                    t.setDaemon(true);
                    return t;
                });
                poller.scheduleWithFixedDelay(BrowserEchoClient::forwardEvents, POLL_INTERVAL.toMillis(),
                        POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return (JavascriptExecutor) chromium.driver();
    }

    /** A new browser; the clients of the old page lose their connections, and their numbers, with it. */
    private static void restart() {
        if (chromium != null) {
            try {
                chromium.close();
            } catch (RuntimeException ignored) {
                // It is dead already.
            }
        }
        chromium = null;
        OPEN.clear();
    }

    /** {@code --impl chromium}: Chromium's WebSocket, as lesson 02c's third-party client. */
    @RealTime(WHY)
    public static final class Chromium extends ClientRegistration {
        public Chromium() {
            super("02c", "chromium", env -> new BrowserEchoClient());
        }
    }
}
