package wslab.grader.targets;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import wslab.api.LabClient;
import wslab.api.DurableLabImplementation;
import wslab.api.LabClientImplementation;
import wslab.api.LabEnvironment;
import wslab.api.LabImplementation;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.api.RealTime;
import wslab.grader.Target;
import wslab.grader.TargetKind;

/**
 * {@code --impl starter|reference|<name>|<class>}: a Java implementation run in this process. A
 * name is one the lesson's {@code lesson.properties} publishes; a class is a {@link LabServer} or
 * {@link LabClient} with a public constructor taking a {@link LabEnvironment}, or a registration.
 */
public final class ImplTargetKind implements TargetKind {

    @Override
    public String option() {
        return "--impl";
    }

    @Override
    public String paramLabel() {
        return "starter|reference|<class>";
    }

    @Override
    public String description() {
        return "Grade a Java implementation started in this process (default: starter).";
    }

    @Override
    public Target parse(String value, Lesson lesson, LessonCatalog catalog) {
        return lesson.grades() == Lesson.Kind.CLIENT ? client(value, lesson, catalog) : server(value, lesson, catalog);
    }

    /** The server implementation {@code value} names for {@code lesson}. */
    public static Target server(String value, Lesson lesson, LessonCatalog catalog) {
        if (lesson.needsRestarts()) {
            BiFunction<LabEnvironment, Path, LabServer> factory = durableFactory(value, lesson, catalog);
            String path = catalog.implementation(lesson.id(), value).map(LabImplementation::path)
                    .orElse(lesson.paths().isEmpty() ? "/" : lesson.paths().get(0));
            return new RestartableJavaTarget(value + " (Java: a child JVM on the real clock, a simulated process on virtual time)",
                    path, factory, lesson.id(), value);
        }
        Optional<LabImplementation> named = catalog.implementation(lesson.id(), value);
        if (named.isPresent()) {
            LabImplementation i = named.get();
            return new JavaServerTarget(value + " (Java, in process)", i.path(), i::newServer, realTimeReason(i.getClass()));
        }
        Class<?> type = load("implementation", value, lesson, catalog.implementations(lesson.id()).stream().map(LabImplementation::name));
        String path = lesson.paths().isEmpty() ? "/" : lesson.paths().get(0);
        if (LabImplementation.class.isAssignableFrom(type)) {
            LabImplementation i = (LabImplementation) instantiate(type);
            return new JavaServerTarget(value + " (Java, in process)", i.path(), i::newServer, realTimeReason(type));
        }
        if (LabServer.class.isAssignableFrom(type)) {
            Constructor<?> c = environmentConstructor(type, "LabServer");
            return new JavaServerTarget(value + " (Java, in process)", path, env -> (LabServer) construct(c, env),
                    realTimeReason(type));
        }
        throw new IllegalArgumentException(value + " implements neither wslab.api.LabServer nor wslab.api.LabImplementation");
    }

    /** The client implementation {@code value} names for {@code lesson}. */
    public static Target client(String value, Lesson lesson, LessonCatalog catalog) {
        Optional<LabClientImplementation> named = catalog.clientImplementation(lesson.id(), value);
        if (named.isPresent()) {
            LabClientImplementation i = named.get();
            return new JavaClientTarget("client " + value, i::newClient, realTimeReason(i.getClass()));
        }
        Class<?> type = load("client", value, lesson, catalog.clientImplementations(lesson.id()).stream().map(LabClientImplementation::name));
        if (LabClientImplementation.class.isAssignableFrom(type)) {
            LabClientImplementation i = (LabClientImplementation) instantiate(type);
            return new JavaClientTarget("client " + value, i::newClient, realTimeReason(type));
        }
        if (LabClient.class.isAssignableFrom(type)) {
            Constructor<?> c = environmentConstructor(type, "LabClient");
            return new JavaClientTarget("client " + value, env -> (LabClient) construct(c, env), realTimeReason(type));
        }
        throw new IllegalArgumentException(value + " implements neither wslab.api.LabClient nor wslab.api.LabClientImplementation");
    }

    /**
     * How to build the server {@code value} names with a data directory: a {@link DurableLabImplementation}
     * gets it; any other server is built without (and loses its state at each kill, which the checks will say).
     */
    static BiFunction<LabEnvironment, Path, LabServer> durableFactory(String value, Lesson lesson, LessonCatalog catalog) {
        Optional<LabImplementation> named = catalog.implementation(lesson.id(), value);
        LabImplementation impl;
        if (named.isPresent()) {
            impl = named.get();
        } else {
            Class<?> type = load("implementation", value, lesson, catalog.implementations(lesson.id()).stream().map(LabImplementation::name));
            if (!LabImplementation.class.isAssignableFrom(type)) {
                Function<LabEnvironment, LabServer> plain = ((JavaServerTarget) server(value, lesson.withoutNeeds(), catalog))
                        .factory();
                return (env, dir) -> plain.apply(env);
            }
            impl = (LabImplementation) instantiate(type);
        }
        if (impl instanceof DurableLabImplementation durable) {
            return durable::newServer;
        }
        return (env, dir) -> impl.newServer(env);
    }

    /** A server built here that the grader may kill and restart, as the project's proofs build mutants: virtual time only. */
    public static Target restartableServer(String description, String path, BiFunction<LabEnvironment, Path, LabServer> factory) {
        return new RestartableJavaTarget(description, path, factory, null, null);
    }

    private static Class<?> load(String noun, String className, Lesson lesson, Stream<String> known) {
        try {
            return Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalArgumentException("no " + noun + " '" + className + "' for lesson " + lesson.id() + " (known: "
                    + known.collect(Collectors.joining(", ")) + ", or a class name on the class path)");
        }
    }

    static String realTimeReason(Class<?> type) {
        RealTime r = type.getAnnotation(RealTime.class);
        return r == null ? null : r.value();
    }

    private static Object instantiate(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public no-argument constructor");
        }
    }

    private static Constructor<?> environmentConstructor(Class<?> type, String what) {
        try {
            return type.getConstructor(LabEnvironment.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " is a " + what + " but has no public constructor taking a "
                    + "wslab.api.LabEnvironment (its time, threads and sockets come from there)");
        }
    }

    private static Object construct(Constructor<?> c, LabEnvironment env) {
        try {
            return c.newInstance(env);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c.getDeclaringClass().getName() + " could not be built: " + cause, cause);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(c.getDeclaringClass().getName() + " could not be built: " + e, e);
        }
    }

    /** A target built from a factory, as the project's proofs build mutants: on virtual time unless {@code realTimeReason}. */
    public static Target server(String description, String path, Function<LabEnvironment, LabServer> factory) {
        return new JavaServerTarget(description, path, factory, null);
    }

    public static Target client(String description, Function<LabEnvironment, LabClient> factory) {
        return new JavaClientTarget(description, factory, null);
    }
}
