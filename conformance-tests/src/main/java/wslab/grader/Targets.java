package wslab.grader;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.stream.Collectors;

import wslab.api.LabImplementation;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;

/** Turns {@code --impl starter|reference|<class>} into a running server on a free loopback port. */
public final class Targets {

    private Targets() {
    }

    /** A started in-process implementation and the URL that reaches it. */
    public record Running(URI url, String description, LabServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    public static Running start(LessonCatalog catalog, Lesson lesson, String impl) throws IOException {
        LabImplementation found = catalog.implementation(lesson.id(), impl).orElse(null);
        LabServer server;
        String path;
        if (found != null) {
            server = found.newServer();
            path = found.path();
        } else {
            server = instantiate(catalog, lesson, impl);
            path = lesson.paths().isEmpty() ? "/" : lesson.paths().get(0);
        }
        int port = server.start(0);
        return new Running(URI.create("ws://127.0.0.1:" + port + path), impl, server);
    }

    private static LabServer instantiate(LessonCatalog catalog, Lesson lesson, String className) {
        String known = catalog.implementations(lesson.id()).stream().map(LabImplementation::name)
                .collect(Collectors.joining(", "));
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no implementation '" + className + "' for lesson " + lesson.id()
                    + " (known: " + known + ", or a class name on the class path)");
        }
        try {
            Object o = type.getDeclaredConstructor().newInstance();
            if (o instanceof LabImplementation li) {
                return li.newServer();
            }
            if (o instanceof LabServer ls) {
                return ls;
            }
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor");
        }
        throw new IllegalArgumentException(className + " implements neither wslab.api.LabServer nor wslab.api.LabImplementation");
    }
}
