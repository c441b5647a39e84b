package wslab.checks.lesson09;

import java.io.IOException;
import java.util.Optional;

import wslab.api.SecurityContract;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.AcceptKeys;
import wslab.wire.HttpResponseHead;

/**
 * Lesson 09, cross-site WebSocket hijacking: the Origin allow-list, decided during the handshake.
 * A page on any site can open a WebSocket to any server, and the browser attaches the user's
 * cookies; only the Origin field tells the server whose page it is.
 */
@LessonChecks("09")
class OriginChecks {

    static final String SPEC = "RFC 6455 §4.2.2 item 4 /origin/, §10.2; OWASP WebSocket cheat sheet: Origin Header Validation";

    @Check(id = "09.4", spec = SPEC, title = "An upgrade from the allowed origin https://chat.wslab.test gets 101")
    void acceptsTheAllowedOrigin(CheckContext ctx) throws IOException {
        SecureClient.upgraded(ctx, "the chat page", SecurityContract.ALLOWED_ORIGIN).close();
    }

    @Check(id = "09.5", spec = SPEC + "; RFC 6454 §4, §5 (origins compare scheme, host and port)",
            title = "The allowed origin spelt with capitals or with its default port :443 is the same origin and gets 101")
    void comparesOriginsNotStrings(CheckContext ctx) throws IOException {
        SecureClient.upgraded(ctx, "the chat page", "https://CHAT.WSLAB.TEST").close();
        SecureClient.upgraded(ctx, "the chat page", "https://chat.wslab.test:443").close();
    }

    @Check(id = "09.6", points = 2, spec = SPEC, title = "An upgrade from a foreign origin gets 403 Forbidden, before any 101")
    void refusesAForeignOrigin(CheckContext ctx) throws IOException {
        requireRefused(ctx, "https://evil.wslab.test", "a foreign page");
    }

    @Check(id = "09.7", spec = SPEC, title = "An upgrade from the opaque origin null (a sandboxed frame, a file:// page) gets 403")
    void refusesTheNullOrigin(CheckContext ctx) throws IOException {
        requireRefused(ctx, "null", "an opaque origin");
    }

    @Check(id = "09.8", spec = SPEC + ", §4.1 item 8 (a browser always sends Origin)",
            title = "An upgrade without Origin gets 403: this route serves browsers, and every browser sends one")
    void refusesAMissingOrigin(CheckContext ctx) throws IOException {
        requireRefused(ctx, null, "no Origin at all");
    }

    @Check(id = "09.9", spec = SPEC + "; OWASP: avoid substring matching",
            title = "A look-alike host that starts with the allowed one (https://chat.wslab.test.evil.test) gets 403")
    void refusesALookAlikeSuffix(CheckContext ctx) throws IOException {
        requireRefused(ctx, "https://chat.wslab.test.evil.test", "a look-alike host (the allowed name, then another domain)");
    }

    @Check(id = "09.10", spec = SPEC + "; OWASP: avoid substring matching",
            title = "A look-alike host that ends with the allowed one (https://evilchat.wslab.test) gets 403")
    void refusesALookAlikePrefix(CheckContext ctx) throws IOException {
        requireRefused(ctx, "https://evilchat.wslab.test", "a look-alike host (a longer name ending in the allowed one)");
    }

    @Check(id = "09.11", spec = SPEC + "; RFC 6454 §5", title = "The allowed host on another port (https://chat.wslab.test:8443) gets 403")
    void refusesAnotherPort(CheckContext ctx) throws IOException {
        requireRefused(ctx, "https://chat.wslab.test:8443", "the allowed host on another port (another origin)");
    }

    @Check(id = "09.12", spec = SPEC + "; RFC 6454 §5", title = "The allowed host over plain http (http://chat.wslab.test) gets 403")
    void refusesAnotherScheme(CheckContext ctx) throws IOException {
        requireRefused(ctx, "http://chat.wslab.test", "the allowed host over plain http (any network attacker can inject script there)");
    }

    /**
     * The upgrade from {@code origin} must get 403, not a 101 followed by a close: by the time a
     * server closes an upgraded socket, the attacker's page has it open.
     */
    static void requireRefused(CheckContext ctx, String origin, String what) throws IOException {
        String shown = origin == null ? "no Origin field" : "Origin: " + origin;
        try (SecureClient c = SecureClient.connect(ctx, "an attacker's page", false)) {
            Optional<HttpResponseHead> head = c.handshake(c.request(AcceptKeys.newKey(ctx.random()), origin));
            String expected = "403 Forbidden to an upgrade with " + shown + " (" + what + "), before any 101";
            ctx.require(head.isPresent(), expected, "the server closed the connection without an answer");
            if (head.get().status() == 101) {
                SecureClient.Incoming after = c.next(1000);
                ctx.require(false, expected, "it answered 101 Switching Protocols" + (after.kind() == SecureClient.Kind.CLOSE
                        ? " and then closed with " + after.code() + ": the origin was checked after the upgrade, when the page already had an open socket"
                        : ": the page got an open socket"));
            }
            ctx.require(head.get().status() == 403, expected, "it answered " + head.get().statusLine());
        }
    }
}
