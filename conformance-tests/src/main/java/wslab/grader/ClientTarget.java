package wslab.grader;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import wslab.api.LabClient;
import wslab.api.LabClientImplementation;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;

/**
 * The client a client-side lesson grades: a named implementation on the class path
 * ({@code --impl reference}), a class ({@code --impl com.example.MyClient}), or a program in
 * any language ({@code --client-cmd "node client.js {url}"}). Each check starts a fresh one.
 *
 * @param spec        {@code impl:<name>}, {@code class:<name>} or {@code cmd:<command>}; what the grader passes to checks
 * @param description for the scorecard
 */
public record ClientTarget(String spec, String description) {

    private static final String IMPL = "impl:";
    private static final String CLASS = "class:";
    private static final String CMD = "cmd:";
    /** Where {@code --client-cmd} puts the URL the client must connect to. */
    public static final String URL_PLACEHOLDER = "{url}";
    /** Where {@code --client-cmd} may put the check's seed, so a client can replay its jitter. */
    public static final String SEED_PLACEHOLDER = "{seed}";

    /** {@code --impl}: a registered name, or a class; unknown names fail here, before grading starts. */
    public static ClientTarget of(LessonCatalog catalog, Lesson lesson, String impl) {
        if (catalog.clientImplementation(lesson.id(), impl).isPresent()) {
            return new ClientTarget(IMPL + impl, "client " + impl);
        }
        try {
            Class.forName(impl, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            String known = catalog.clientImplementations(lesson.id()).stream().map(LabClientImplementation::name)
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("no client '" + impl + "' for lesson " + lesson.id() + " (known: " + known
                    + ", or a class name on the class path)");
        }
        return new ClientTarget(CLASS + impl, "client " + impl);
    }

    /** {@code --client-cmd}: a command line with {@value #URL_PLACEHOLDER} where the URL goes. */
    public static ClientTarget command(String commandLine) {
        if (!commandLine.contains(URL_PLACEHOLDER)) {
            throw new IllegalArgumentException("--client-cmd needs " + URL_PLACEHOLDER + " where the URL goes, e.g. "
                    + "\"node client.js " + URL_PLACEHOLDER + "\"");
        }
        return new ClientTarget(CMD + commandLine, "command: " + commandLine);
    }

    /** A new client for one check; {@code log} takes what a program prints, for the transcript. */
    LabClient newClient(String lessonId, long seed, Consumer<String> log) {
        if (spec.startsWith(CMD)) {
            return new CommandClient(spec.substring(CMD.length()), seed, log);
        }
        if (spec.startsWith(IMPL)) {
            String name = spec.substring(IMPL.length());
            return LessonCatalog.load().clientImplementation(lessonId, name)
                    .orElseThrow(() -> new IllegalStateException("no client '" + name + "' for lesson " + lessonId))
                    .newClient(seed);
        }
        return instantiate(spec.substring(CLASS.length()), seed);
    }

    private static LabClient instantiate(String className, long seed) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            try {
                return (LabClient) type.getDeclaredConstructor(long.class).newInstance(seed);
            } catch (NoSuchMethodException e) {
                Object o = type.getDeclaredConstructor().newInstance();
                if (o instanceof LabClientImplementation li) {
                    return li.newClient(seed);
                }
                return (LabClient) o;
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(className + " implements neither wslab.api.LabClient nor wslab.api.LabClientImplementation");
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalArgumentException(className + " needs a public constructor taking a long seed, or none: " + e);
        }
    }
}
