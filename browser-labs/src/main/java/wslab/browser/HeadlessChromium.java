package wslab.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.bonigarcia.wdm.WebDriverManager;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser labs. Uses Debian's chromium and chromedriver when both are
 * installed, so nothing is downloaded; WebDriverManager only when asked to
 * ({@code -Dwslab.browser.download=true}) on a machine that is online.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String CHROMIUM_PROPERTY = "wslab.browser.chromium";
    public static final String CHROMEDRIVER_PROPERTY = "wslab.browser.chromedriver";
    public static final String DOWNLOAD_PROPERTY = "wslab.browser.download";
    public static final String INSTALL_HINT = "apt-get install -y chromium chromium-driver";

    private final WebDriver driver;
    private final Path profile;

    private HeadlessChromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why no browser can be started here, or empty if one can. */
    public static Optional<String> unavailableReason() {
        if (binaries().isPresent() || Boolean.getBoolean(DOWNLOAD_PROPERTY)) {
            return Optional.empty();
        }
        return Optional.of("no Chromium: need " + chromium() + " and " + chromedriver() + " (" + INSTALL_HINT
                + "), or -D" + DOWNLOAD_PROPERTY + "=true on a machine that is online");
    }

    public static HeadlessChromium start() {
        return start(java.util.List.of(), false);
    }

    /**
     * A browser with {@code arguments} added to the usual ones; with {@code performanceLog}, its
     * DevTools network events can be read back ({@code driver().manage().logs().get("performance")}).
     */
    public static HeadlessChromium start(java.util.List<String> arguments, boolean performanceLog) {
        Path profile;
        try {
            profile = Files.createTempDirectory("wslab-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                // Checks run in several tabs at once: a background tab's timers must not be slowed to 1 Hz.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--user-data-dir=" + profile);
        options.addArguments(arguments);
        if (performanceLog) {
            // A browser as many users still run it: cookies go with cross-site requests when they say SameSite=None.
            options.setExperimentalOption("prefs", java.util.Map.of("profile.cookie_controls_mode", 0,
                    "profile.block_third_party_cookies", false));
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.PERFORMANCE, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }
        WebDriver driver;
        Optional<Path[]> local = binaries();
        if (local.isPresent()) {
            options.setBinary(local.get()[0].toFile());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(local.get()[1].toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
        } else {
            WebDriverManager.chromedriver().setup();
            driver = new ChromeDriver(options);
        }
        return new HeadlessChromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A stale temp profile is harmless.
        }
    }

    private static Optional<Path[]> binaries() {
        Path browser = chromium();
        Path driver = chromedriver();
        return Files.isExecutable(browser) && Files.isExecutable(driver)
                ? Optional.of(new Path[] {browser, driver}) : Optional.empty();
    }

    private static Path chromium() {
        return Path.of(System.getProperty(CHROMIUM_PROPERTY, "/usr/bin/chromium"));
    }

    private static Path chromedriver() {
        return Path.of(System.getProperty(CHROMEDRIVER_PROPERTY, "/usr/bin/chromedriver"));
    }
}
