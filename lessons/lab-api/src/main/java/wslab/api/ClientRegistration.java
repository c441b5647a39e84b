package wslab.api;

import java.util.function.Function;

/** The usual way to publish a client: subclass with a no-argument constructor, as {@link Registration}. */
public abstract class ClientRegistration implements LabClientImplementation {

    private final String lesson;
    private final String name;
    private final Function<LabEnvironment, LabClient> factory;

    protected ClientRegistration(String lesson, String name, Function<LabEnvironment, LabClient> factory) {
        this.lesson = lesson;
        this.name = name;
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
    public final LabClient newClient(LabEnvironment env) {
        return factory.apply(env);
    }
}
