package wslab.api;

import java.util.List;

/**
 * What a lesson folder declares in its {@code lesson.properties}.
 *
 * @param id        two digits, {@code "01"}
 * @param slug      {@code "handshake"}
 * @param title     one line for lists
 * @param paths     the endpoint paths its server answers
 * @param passMark  the score, in percent of points, at or above which a grade passes
 * @param checks    the fully qualified names of the classes holding its checks
 * @param aliases   other names {@code ./wslab grade} accepts, such as {@code rfc6455} for lesson 02
 * @param grades    whether the lesson grades a server (the suite connects to it) or a client
 *                  (the suite plays the server and the client connects to it); {@code grades=client}
 */
public record Lesson(String id, String slug, String title, List<String> paths, int passMark,
                     List<String> checks, List<String> aliases, Kind grades) {

    /** What a lesson's solution is. */
    public enum Kind { SERVER, CLIENT }

    public Lesson {
        paths = List.copyOf(paths);
        checks = List.copyOf(checks);
        aliases = List.copyOf(aliases);
    }

    /** {@code 01-handshake}: the lesson's folder name. */
    public String folder() {
        return id + "-" + slug;
    }
}
