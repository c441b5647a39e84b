package wslab.grader;

import java.util.List;
import java.util.ServiceLoader;

import wslab.api.Lesson;
import wslab.api.LessonCatalog;

/**
 * One kind of target and the command-line option that names it ({@code --target},
 * {@code --impl}, {@code --client-cmd}, {@code --server-cmd}). Kinds are found with
 * {@link ServiceLoader}, so a new kind is one class and one service line, and the launcher's
 * options come from here.
 */
public interface TargetKind {

    /** {@code --client-cmd} */
    String option();

    /** {@code "<command> {url}"} */
    String paramLabel();

    /** One line for {@code --help}. */
    String description();

    /**
     * The target {@code value} names for {@code lesson}.
     *
     * @throws IllegalArgumentException with a one-line message a user can act on
     */
    Target parse(String value, Lesson lesson, LessonCatalog catalog);

    static List<TargetKind> all() {
        return ServiceLoader.load(TargetKind.class, TargetKind.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
