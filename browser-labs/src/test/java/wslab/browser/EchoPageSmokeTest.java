package wslab.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import wslab.reference.portal.ReferencePortal;

/** The portal's echo page in real Chromium: connect, send, see the same text come back. */
class EchoPageSmokeTest {

    @Test
    void aMessageRoundTripsThroughTheEchoEndpoint() throws Exception {
        assumeTrue(HeadlessChromium.unavailableReason().isEmpty(),
                () -> "skipped: " + HeadlessChromium.unavailableReason().orElse(""));
        try (ReferencePortal portal = new ReferencePortal(); HeadlessChromium chromium = HeadlessChromium.start()) {
            int port = portal.start(0);
            WebDriver browser = chromium.driver();
            browser.get("http://127.0.0.1:" + port + "/web/echo.html");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.textToBe(By.id("state"), "open"));

            String message = "héllo wslab ✓";
            browser.findElement(By.id("message")).sendKeys(message);
            browser.findElement(By.id("send")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log .received")));
            assertThat(browser.findElement(By.cssSelector("#log .received")).getText()).endsWith(message);
            assertThat(browser.findElement(By.cssSelector("#log .sent")).getText()).endsWith(message);
        }
    }
}
