package wslab.grader.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import wslab.api.LabClient;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.Stage;
import wslab.grader.Target;
import wslab.grader.TargetKind;

/** {@code --client-cmd "<command> {url} [{seed}]"}: a client in any language, one process per check. */
public final class ClientCommandTargetKind implements TargetKind {

    /** Where the URL the client must connect to goes. */
    public static final String URL_PLACEHOLDER = "{url}";
    /** Where the check's seed goes, so a client can replay its jitter: a signed 64-bit decimal. */
    public static final String SEED_PLACEHOLDER = "{seed}";

    @Override
    public String option() {
        return "--client-cmd";
    }

    @Override
    public String paramLabel() {
        return "\"<command> {url}\"";
    }

    @Override
    public String description() {
        return "For a lesson that grades a client (04): run this program once per check, {url} replaced by the server to "
                + "connect to, {seed} by a seed for its jitter. See the lesson's README for its stdin/stdout protocol.";
    }

    @Override
    public Target parse(String commandLine, Lesson lesson, LessonCatalog catalog) {
        if (lesson.grades() != Lesson.Kind.CLIENT) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " grades a server; --client-cmd is for lessons that grade a client");
        }
        if (!commandLine.contains(URL_PLACEHOLDER)) {
            throw new IllegalArgumentException("--client-cmd needs " + URL_PLACEHOLDER + " where the URL goes, e.g. \"node client.js "
                    + URL_PLACEHOLDER + "\"");
        }
        return of(commandLine);
    }

    /** The target for a command line that has {@value #URL_PLACEHOLDER} in it. */
    public static Target of(String commandLine) {
        return new Target() {
            @Override
            public String description() {
                return "command: " + commandLine;
            }

            @Override
            public Lesson.Kind kind() {
                return Lesson.Kind.CLIENT;
            }

            @Override
            public Optional<String> realTimeOnly() {
                return Optional.of("a program runs on the wall clock and the real network");
            }

            @Override
            public Optional<String> probe(Lesson lesson) {
                return Programs.findProgram(commandLine, "--client-cmd");
            }

            @Override
            public Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) {
                Random seeds = new Random(seed);
                List<CommandClient> started = new ArrayList<>();
                return new Session() {
                    @Override
                    public LabClient newClient() {
                        CommandClient c = new CommandClient(commandLine, seeds.nextLong(), log);
                        started.add(c);
                        return c;
                    }

                    @Override
                    public Optional<String> gone() {
                        return started.stream().map(CommandClient::gone).flatMap(Optional::stream).findFirst();
                    }
                };
            }
        };
    }
}
