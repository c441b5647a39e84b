package wslab.checks.lesson09;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import wslab.api.SecurityContract;
import wslab.api.Tls;
import wslab.grader.Browsers;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.grader.RealTimeOnly;

/**
 * Lesson 09 in a real browser: what the wire checks claim, seen from Chromium. A page on a
 * foreign site opens the socket with the user's cookie attached; a page that renders messages
 * with innerHTML receives markup.
 */
@LessonChecks("09")
class BrowserChecks {

    static final String WHY_REAL = "Chromium connects over the real loopback, on the wall clock";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RealTimeOnly(WHY_REAL)
    @Check(id = "09.13", points = 2, spec = OriginChecks.SPEC + "; OWASP: Cross-Site WebSocket Hijacking",
            title = "In Chromium, a page on a foreign site opening the socket with the user's cookie is refused; the chat's own page is not")
    void refusesAForeignPageInChromium(CheckContext ctx) throws IOException, InterruptedException {
        try (PageServer pages = new PageServer(ctx); Browsers.Browser browser = start(ctx, pages)) {
            String target = ctx.target().toString();
            // The user is signed in to the chat service: its session cookie sits in the browser, and
            // Chromium attaches it to every upgrade to that host, whichever page asks (SameSite=None).
            browser.setCookie("https://" + ctx.host() + ":" + ctx.port() + "/", "session", "the-victims-session");
            List<String> own = openFrom(ctx, browser, "https://" + PageServer.CHAT_SITE + "/opener.html", target);
            ctx.require(own.contains("open"), "the chat's own page (" + SecurityContract.ALLOWED_ORIGIN + ") opens the socket in Chromium",
                    "it saw " + own + handshakes(browser));
            browser.webSocketEvents();
            List<String> foreign = openFrom(ctx, browser, "https://" + PageServer.FOREIGN_SITE + "/opener.html", target);
            String seen = handshakes(browser);
            ctx.transcript().note("the foreign page's socket: " + foreign + seen);
            ctx.require(!foreign.contains("open"), "the socket refused to a page on https://" + PageServer.FOREIGN_SITE,
                    "the foreign page opened it" + seen + ": any site the user visits can act as the user");
        }
    }

    @RealTimeOnly(WHY_REAL)
    @Check(id = "09.37", points = 2, spec = "OWASP Cross Site Scripting Prevention cheat sheet; OWASP WebSocket cheat sheet: Input Validation",
            title = "In Chromium, messages full of markup (<img onerror>, quotes, &) render as their text in the chat page, never as markup")
    void rendersMarkupAsTextInChromium(CheckContext ctx) throws IOException, InterruptedException {
        try (PageServer pages = new PageServer(ctx); Browsers.Browser browser = start(ctx, pages)) {
            browser.open("https://" + PageServer.CHAT_SITE + "/chat.html");
            browser.script("join(arguments[0], arguments[1])", ctx.target().toString(),
                    LabIssuer.token("bob", ctx.env().clock().instant()));
            ctx.require(waitFor(ctx, browser, "return window.chat.welcomed || window.chat.closed !== null") &&
                            Boolean.TRUE.equals(browser.script("return window.chat.welcomed")),
                    "bob's chat page signed in within " + WAIT.toMillis() + " ms", "it was not: " + browser.script("return JSON.stringify(window.chat)")
                            + handshakes(browser));
            // Signed in only now: starting a browser can take longer than the server lets a connection idle.
            SecureClient alice = SecureClient.signedIn(ctx, "alice");
            for (String text : InputChecks.MARKUP) {
                alice.send(SecurityContract.post("lobby", text));
                alice.expect(Expected.message("lobby", "alice", text), "alice's post of " + text);
            }
            int count = InputChecks.MARKUP.size();
            ctx.require(waitFor(ctx, browser, "return window.chat.received >= " + count), count + " messages on bob's page",
                    browser.script("return window.chat.received") + " arrived");
            String rendered = (String) browser.script("""
                    return JSON.stringify({xss: window.__xss === 1, items: [...document.querySelectorAll('#messages > li')].map(li => ({
                      children: li.children.length,
                      title: li.firstElementChild && li.firstElementChild.getAttribute('title'),
                      text: li.firstElementChild && li.firstElementChild.textContent,
                      attributes: li.firstElementChild ? [...li.firstElementChild.attributes].map(a => a.name) : [],
                      elements: li.firstElementChild ? li.firstElementChild.querySelectorAll('*').length : 0,
                      html: li.innerHTML }))})""");
            JsonNode page = JSON.readTree(rendered);
            for (int i = 0; i < count; i++) {
                String text = InputChecks.MARKUP.get(i);
                JsonNode item = page.path("items").path(i);
                List<String> attributes = new ArrayList<>();
                item.path("attributes").forEach(a -> attributes.add(a.asText()));
                boolean asText = item.path("children").asInt() == 1 && item.path("elements").asInt() == 0
                        && attributes.equals(List.of("class", "title")) && text.equals(item.path("text").asText())
                        && text.equals(item.path("title").asText());
                ctx.require(asText, "the message " + text + " shown as its text, in the title attribute and the content alike",
                        "Chromium built " + item.path("html").asText() + (page.path("xss").asBoolean() ? ", and its script ran" : ""));
            }
            ctx.require(!page.path("xss").asBoolean(), "no script from a message run", "window.__xss was set by a message");
        }
    }

    private static Browsers.Browser start(CheckContext ctx, PageServer pages) throws IOException {
        Optional<String> why = Browsers.whyNot();
        ctx.require(why.isEmpty(), "a headless browser for this check", why.orElse(""));
        List<String> trusted = new ArrayList<>(List.of(pages.spki()));
        for (X509Certificate c : ctx.trustedCertificates()) {
            trusted.add(Tls.spkiSha256(c));
        }
        ctx.transcript().note("Chromium: " + PageServer.CHAT_SITE + " and " + PageServer.FOREIGN_SITE + " at 127.0.0.1:" + pages.port()
                + "; trusted keys " + trusted);
        return Browsers.find().orElseThrow().start(Map.of(PageServer.CHAT_SITE, pages.port(), PageServer.FOREIGN_SITE, pages.port()), trusted);
    }

    /** Loads {@code page}, opens the socket from it, and returns what the socket did once it closed. */
    private static List<String> openFrom(CheckContext ctx, Browsers.Browser browser, String page, String target)
            throws InterruptedException {
        browser.open(page);
        browser.script("openSocket(arguments[0])", target);
        waitFor(ctx, browser, "return window.outcome.some(e => e.startsWith('close'))");
        List<String> outcome = new ArrayList<>();
        Object raw = browser.script("return window.outcome");
        if (raw instanceof List<?> list) {
            list.forEach(e -> outcome.add(String.valueOf(e)));
        }
        return outcome;
    }

    /** Polls {@code condition} (a script returning a boolean) for {@link #WAIT}. */
    private static boolean waitFor(CheckContext ctx, Browsers.Browser browser, String condition) throws InterruptedException {
        long deadline = ctx.nanoTime() + WAIT.toNanos();
        while (ctx.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(browser.script(condition))) {
                return true;
            }
            ctx.sleep(Duration.ofMillis(50));
        }
        return Boolean.TRUE.equals(browser.script(condition));
    }

    /** What Chromium recorded of its handshakes: the Origin it sent, the status it got. */
    private static String handshakes(Browsers.Browser browser) {
        List<String> seen = new ArrayList<>();
        for (String event : browser.webSocketEvents()) {
            try {
                JsonNode message = JSON.readTree(event).path("message");
                String method = message.path("method").asText();
                JsonNode params = message.path("params");
                if (method.equals("Network.webSocketWillSendHandshakeRequest")) {
                    // DevTools leaves the Cookie header out of what it shows; the browser sends it all the same.
                    seen.add("sent Origin " + params.path("request").path("headers").path("Origin").asText("(none)"));
                } else if (method.equals("Network.webSocketHandshakeResponseReceived")) {
                    seen.add("got " + params.path("response").path("status").asInt() + " " + params.path("response").path("statusText").asText());
                } else if (method.equals("Network.webSocketFrameError")) {
                    seen.add("error " + params.path("errorMessage").asText());
                }
            } catch (IOException e) {
                // An event that does not parse says nothing about the handshake.
            }
        }
        return seen.isEmpty() ? "" : " (Chromium " + String.join("; ", seen) + ")";
    }
}
