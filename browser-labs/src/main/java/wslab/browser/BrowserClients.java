package wslab.browser;

import wslab.api.ClientRegistration;

/**
 * Lesson 04's browser clients, as the grader finds them: {@code ./wslab grade 04 --impl
 * browser-reference} or {@code --impl browser-starter}. Each runs the page
 * {@code reconnect/index.html} in headless Chromium.
 */
public final class BrowserClients {

    public static final String LESSON = "04";

    private BrowserClients() {
    }

    /** The reference script, {@code reconnect-reference.js}. */
    public static final class Reference extends ClientRegistration {
        public Reference() {
            super(LESSON, "browser-reference", seed -> new BrowserClient("reference", seed));
        }
    }

    /** The learner's script, {@code reconnect-starter.js}. */
    public static final class Starter extends ClientRegistration {
        public Starter() {
            super(LESSON, "browser-starter", seed -> new BrowserClient("starter", seed));
        }
    }
}
