package wslab.grader;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A headless browser for checks that need a real one (lesson 09: a page on another site opens
 * the socket; a message full of markup is rendered). A provider is found with
 * {@link ServiceLoader}: browser-labs ships Chromium. Such checks are {@link RealTimeOnly}.
 */
public interface Browsers {

    /** Why no browser can be started here, or empty if one can. */
    Optional<String> unavailableReason();

    /**
     * A fresh browser that resolves each of {@code hosts} ({@code chat.wslab.test}) to the
     * {@code 127.0.0.1:port} given, and accepts a TLS certificate only if its key is one of
     * {@code trustedSpki} (base64 SHA-256 of the SubjectPublicKeyInfo).
     */
    Browser start(Map<String, Integer> hosts, List<String> trustedSpki) throws IOException;

    /** One browser window, driven by a check. */
    interface Browser extends AutoCloseable {

        /** Sets a cookie for {@code url} as a site would (Secure, SameSite=None, so it travels cross-site). */
        void setCookie(String url, String name, String value);

        /** Loads {@code url} and waits for the page. */
        void open(String url);

        /** Runs {@code script} in the page ({@code return ...} gives a value), with {@code arguments[i]}. */
        Object script(String script, Object... arguments);

        /**
         * The browser's own record of its WebSocket handshakes since the last call, as DevTools
         * events in JSON ({@code Network.webSocketHandshakeResponseReceived}, ...).
         */
        List<String> webSocketEvents();

        @Override
        void close();
    }

    /** The provider on the class path, if there is one. */
    static Optional<Browsers> find() {
        return ServiceLoader.load(Browsers.class, Browsers.class.getClassLoader()).findFirst();
    }

    /** Why a check that needs a browser cannot run here, or empty. */
    static Optional<String> whyNot() {
        return find().map(Browsers::unavailableReason)
                .orElse(Optional.of("no browser on the class path (browser-labs provides Chromium)"));
    }
}
