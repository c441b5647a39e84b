package wslab.api;

import java.util.function.Function;

/**
 * The usual way to publish a server: subclass with a no-argument constructor that names the
 * lesson, the implementation, its path and how to build it, and list the subclass in the lesson's
 * {@code lesson.properties}.
 */
public abstract class Registration extends Listing implements LabImplementation {

    private final String path;
    private final Function<LabEnvironment, LabServer> factory;

    protected Registration(String lesson, String name, String path, Function<LabEnvironment, LabServer> factory) {
        super(lesson, name);
        this.path = path;
        this.factory = factory;
    }

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final LabServer newServer(LabEnvironment env) {
        return factory.apply(env);
    }
}
