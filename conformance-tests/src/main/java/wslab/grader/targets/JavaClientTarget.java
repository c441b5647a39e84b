package wslab.grader.targets;

import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.Lesson;
import wslab.grader.Stage;
import wslab.grader.Target;

/** A Java client made in this process, a fresh one each time a check asks, in the check's stage. */
public final class JavaClientTarget implements Target {

    private final String description;
    private final Function<LabEnvironment, LabClient> factory;
    private final String realTimeReason;

    /** @param realTimeReason why it cannot run on virtual time (a browser), or null if it can */
    public JavaClientTarget(String description, Function<LabEnvironment, LabClient> factory, String realTimeReason) {
        this.description = description;
        this.factory = factory;
        this.realTimeReason = realTimeReason;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Lesson.Kind kind() {
        return Lesson.Kind.CLIENT;
    }

    @Override
    public Optional<String> realTimeOnly() {
        return Optional.ofNullable(realTimeReason);
    }

    @Override
    public Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) {
        Random seeds = new Random(seed);
        return new Session() {
            @Override
            public LabClient newClient() {
                return factory.apply(stage.environment(seeds.nextLong()));
            }
        };
    }
}
