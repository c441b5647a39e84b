package wslab.api;

import java.util.function.Supplier;

/**
 * The usual way to publish an implementation: subclass with a no-argument constructor (which
 * {@link java.util.ServiceLoader} needs) that names the lesson, the implementation and its path.
 */
public abstract class Registration implements LabImplementation {

    private final String lesson;
    private final String name;
    private final String path;
    private final Supplier<LabServer> factory;

    protected Registration(String lesson, String name, String path, Supplier<LabServer> factory) {
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
    public final LabServer newServer() {
        return factory.get();
    }
}
