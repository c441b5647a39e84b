package wslab.browser;

import wslab.api.ClientRegistration;
import wslab.api.RealTime;

/**
 * Lesson 04's browser clients, as the grader finds them: {@code ./wslab grade 04 --impl
 * browser-reference} or {@code --impl browser-starter}. Each runs the page
 * {@code reconnect/index.html} in headless Chromium.
 */
public final class BrowserClients {

    public static final String LESSON = "04";
    static final String WHY = "a browser runs on the wall clock and the real network";

    private BrowserClients() {
    }

    /** The reference script, {@code reconnect-reference.js}. */
    @RealTime(WHY)
    public static final class Reference extends ClientRegistration {
        public Reference() {
            super(LESSON, "browser-reference", env -> new BrowserClient("reference", env.random().nextLong()));
        }
    }

    /** The learner's script, {@code reconnect-starter.js}. */
    @RealTime(WHY)
    public static final class Starter extends ClientRegistration {
        public Starter() {
            super(LESSON, "browser-starter", env -> new BrowserClient("starter", env.random().nextLong()));
        }
    }
}
