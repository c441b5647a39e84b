package wslab.api;

import java.util.List;
import java.util.Optional;

/**
 * What a lesson folder declares in its {@code lesson.properties}.
 *
 * @param id              two digits, {@code "01"}
 * @param slug            {@code "handshake"}
 * @param title           one line for lists
 * @param paths           the endpoint paths its server answers
 * @param passMark        the score, in percent of points, at or above which a grade passes
 * @param checks          the fully qualified names of the classes holding its checks
 * @param aliases         other names {@code ./wslab grade} accepts, such as {@code rfc6455} for lesson 02
 * @param grades          whether the lesson grades a server (the suite connects to it) or a client
 *                        (the suite plays the server and the client connects to it)
 * @param implementations the classes that publish its implementations ({@link Registration},
 *                        {@link ClientRegistration}); a class not on the class path is left out
 * @param page            the browser page of the lesson under the portal's {@code /web/}, or empty
 * @param scheme          {@code ws}, or {@code wss} for a lesson whose server speaks TLS only (lesson 09)
 */
public record Lesson(String id, String slug, String title, List<String> paths, int passMark,
                     List<String> checks, List<String> aliases, Kind grades, List<String> implementations,
                     String page, String scheme) {

    /** What a lesson's solution is. */
    public enum Kind { SERVER, CLIENT }

    public Lesson {
        paths = List.copyOf(paths);
        checks = List.copyOf(checks);
        aliases = List.copyOf(aliases);
        implementations = List.copyOf(implementations);
    }

    /** A lesson with no implementations or page, for tests and tools that build one by hand. */
    public Lesson(String id, String slug, String title, List<String> paths, int passMark, List<String> checks,
                  List<String> aliases, Kind grades) {
        this(id, slug, title, paths, passMark, checks, aliases, grades, List.of(), "", "ws");
    }

    /** {@code 01-handshake}: the lesson's folder name. */
    public String folder() {
        return id + "-" + slug;
    }

    /** Whether its server speaks TLS only: its URLs are {@code wss://}. */
    public boolean secure() {
        return "wss".equals(scheme);
    }

    public Optional<String> browserPage() {
        return page.isBlank() ? Optional.empty() : Optional.of(page);
    }
}
