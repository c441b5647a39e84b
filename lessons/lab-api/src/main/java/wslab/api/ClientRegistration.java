package wslab.api;

import java.util.function.Function;

/** The usual way to publish a client: subclass with a no-argument constructor, as {@link Registration}. */
public abstract class ClientRegistration extends Listing implements LabClientImplementation {

    private final Function<LabEnvironment, LabClient> factory;

    protected ClientRegistration(String lesson, String name, Function<LabEnvironment, LabClient> factory) {
        super(lesson, name);
        this.factory = factory;
    }

    @Override
    public final LabClient newClient(LabEnvironment env) {
        return factory.apply(env);
    }
}
