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
 */
public record Lesson(String id, String slug, String title, List<String> paths, int passMark,
                     List<String> checks) {

    public Lesson {
        paths = List.copyOf(paths);
        checks = List.copyOf(checks);
    }

    /** {@code 01-handshake}: the lesson's folder name. */
    public String folder() {
        return id + "-" + slug;
    }
}
