package wslab.browser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import wslab.api.LabClient;

/**
 * The browser client on a machine without Chromium. Alone in its module's test run: it points a
 * system property elsewhere, which no test starting a browser may see meanwhile.
 */
class BrowserClientTest {

    @Test
    void withoutChromiumStartSaysWhyInOneLine() {
        String previous = System.getProperty(HeadlessChromium.CHROMIUM_PROPERTY);
        System.setProperty(HeadlessChromium.CHROMIUM_PROPERTY, "/nonexistent/chromium");
        try (LabClient client = new BrowserClient("reference", 1)) {
            assertThatThrownBy(() -> client.start(URI.create("ws://127.0.0.1:1/"), (code, reason) -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/chromium")
                    .hasMessageNotContaining("\n");
        } finally {
            if (previous == null) {
                System.clearProperty(HeadlessChromium.CHROMIUM_PROPERTY);
            } else {
                System.setProperty(HeadlessChromium.CHROMIUM_PROPERTY, previous);
            }
        }
    }
}
