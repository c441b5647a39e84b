package wslab.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** The usual way to publish a {@link DurableLabImplementation}: as {@link Registration}, with a data directory. */
public abstract class DurableRegistration implements DurableLabImplementation {

    private final String lesson;
    private final String name;
    private final String path;
    private final BiFunction<LabEnvironment, Path, LabServer> factory;

    protected DurableRegistration(String lesson, String name, String path, BiFunction<LabEnvironment, Path, LabServer> factory) {
        this.lesson = lesson;
        this.name = name;
        this.path = path;
        this.factory = factory;
    }

    @Override
    public final String lesson() {
        return lesson;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final LabServer newServer(LabEnvironment env, Path dataDirectory) {
        return factory.apply(env, dataDirectory);
    }

    /** Without a directory of its own, a fresh temporary one: state that lasts as long as the machine keeps it. */
    @Override
    public final LabServer newServer(LabEnvironment env) {
        try {
            return factory.apply(env, Files.createTempDirectory("wslab-" + lesson + "-" + name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
