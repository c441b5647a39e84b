package wslab.browser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import wslab.grader.Browsers;

/**
 * Headless Chromium for the grader's browser checks: one fresh browser per check, its host names
 * mapped to the check's own page server, and only the certificates the check names trusted
 * (Chromium's {@code --ignore-certificate-errors-spki-list}: errors are ignored for those keys
 * alone, every other certificate is judged as usual).
 */
public final class ChromiumBrowsers implements Browsers {

    @Override
    public Optional<String> unavailableReason() {
        return HeadlessChromium.unavailableReason();
    }

    @Override
    public Browser start(Map<String, Integer> hosts, List<String> trustedSpki) {
        String rules = hosts.entrySet().stream().map(h -> "MAP " + h.getKey() + " 127.0.0.1:" + h.getValue())
                .collect(Collectors.joining(", "));
        List<String> arguments = new ArrayList<>();
        if (!rules.isEmpty()) {
            arguments.add("--host-resolver-rules=" + rules);
        }
        arguments.add("--ignore-certificate-errors-spki-list=" + String.join(",", trustedSpki));
        HeadlessChromium chromium = HeadlessChromium.start(arguments, true);
        return new Browser() {
            @Override
            public void setCookie(String url, String name, String value) {
                Map<String, Object> cookie = new HashMap<>();
                cookie.put("url", url);
                cookie.put("name", name);
                cookie.put("value", value);
                cookie.put("secure", true);
                cookie.put("httpOnly", true);
                cookie.put("sameSite", "None");
                // Chromium binds a cookie to the port it was set from; one set "from" 443 would not go to the lab's port.
                java.net.URI uri = java.net.URI.create(url);
                cookie.put("sourcePort", uri.getPort() > 0 ? uri.getPort() : 443);
                ((ChromeDriver) chromium.driver()).executeCdpCommand("Network.setCookie", cookie);
            }

            @Override
            public void open(String url) {
                chromium.driver().get(url);
                new WebDriverWait(chromium.driver(), java.time.Duration.ofSeconds(10)).until(
                        d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            }

            @Override
            public Object script(String script, Object... args) {
                return ((JavascriptExecutor) chromium.driver()).executeScript(script, args);
            }

            @Override
            public List<String> webSocketEvents() {
                List<String> events = new ArrayList<>();
                for (LogEntry e : chromium.driver().manage().logs().get(LogType.PERFORMANCE)) {
                    if (e.getMessage().contains("\"Network.webSocket")) {
                        events.add(e.getMessage());
                    }
                }
                return events;
            }

            @Override
            public void close() {
                chromium.close();
            }
        };
    }
}
