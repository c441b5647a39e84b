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
 * @param needs           what the lesson's checks need of a target beyond its kind: {@value #NEEDS_RESTART}
 *                        (a server the grader can kill and start again on the same data),
 *                        {@value #NEEDS_SERVER_PER_CHECK} (a server of each check's own)
 * @param jobs            how many of its checks a grade runs at once when not told otherwise: a
 *                        lesson whose checks mostly wait on the network grades faster with more
 * @param scheme          {@code ws}, or {@code wss} for a lesson whose server speaks TLS only (lesson 09)
 */
public record Lesson(String id, String slug, String title, List<String> paths, int passMark,
                     List<String> checks, List<String> aliases, Kind grades, List<String> implementations,
                     String page, List<String> needs, int jobs, String scheme) {

    /** {@code needs=restart}: the checks kill the server (SIGKILL) and start it again on its data directory. */
    public static final String NEEDS_RESTART = "restart";
    /**
     * {@code needs=server-per-check}: the checks leave state on the server that another check
     * would see (rooms, per-address limits), so against one server for all they run one at a time.
     */
    public static final String NEEDS_SERVER_PER_CHECK = "server-per-check";

    /** What a lesson's solution is. */
    public enum Kind { SERVER, CLIENT }

    public Lesson {
        paths = List.copyOf(paths);
        checks = List.copyOf(checks);
        aliases = List.copyOf(aliases);
        implementations = List.copyOf(implementations);
        needs = List.copyOf(needs);
        if (jobs < 1) {
            throw new IllegalArgumentException("lesson " + id + ": jobs must be at least 1, not " + jobs);
        }
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("lesson " + id + ": scheme is ws or wss, not " + scheme);
        }
    }

    /** A lesson that needs nothing beyond its kind of target, whose checks run one at a time unless a grade asks for more. */
    public Lesson(String id, String slug, String title, List<String> paths, int passMark, List<String> checks,
                  List<String> aliases, Kind grades, List<String> implementations, String page) {
        this(id, slug, title, paths, passMark, checks, aliases, grades, implementations, page, List.of(), 1, "ws");
    }

    /** The same lesson, asking nothing of its targets. */
    public Lesson withoutNeeds() {
        return new Lesson(id, slug, title, paths, passMark, checks, aliases, grades, implementations, page, List.of(), jobs, scheme);
    }

    /** Whether grading it kills and restarts the server. */
    public boolean needsRestarts() {
        return needs.contains(NEEDS_RESTART);
    }

    /** Whether two of its checks may not share a server at the same time. */
    public boolean needsServerPerCheck() {
        return needs.contains(NEEDS_SERVER_PER_CHECK);
    }

    /** A lesson with no implementations or page, for tests and tools that build one by hand. */
    public Lesson(String id, String slug, String title, List<String> paths, int passMark, List<String> checks,
                  List<String> aliases, Kind grades) {
        this(id, slug, title, paths, passMark, checks, aliases, grades, List.of(), "", List.of(), 1, "ws");
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
