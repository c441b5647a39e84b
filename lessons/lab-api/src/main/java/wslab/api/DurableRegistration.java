package wslab.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * The usual way to publish a {@link DurableLabImplementation}: as {@link Registration}, with a data
 * directory. Asked for a server without one, it builds it on a fresh temporary directory: state that
 * lasts as long as the machine keeps it.
 */
public abstract class DurableRegistration extends Registration implements DurableLabImplementation {

    private final BiFunction<LabEnvironment, Path, LabServer> factory;

    protected DurableRegistration(String lesson, String name, String path, BiFunction<LabEnvironment, Path, LabServer> factory) {
        super(lesson, name, path, env -> factory.apply(env, freshDirectory(lesson, name)));
        this.factory = factory;
    }

    @Override
    public final LabServer newServer(LabEnvironment env, Path dataDirectory) {
        return factory.apply(env, dataDirectory);
    }

    private static Path freshDirectory(String lesson, String name) {
        try {
            return Files.createTempDirectory("wslab-" + lesson + "-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
