package wslab.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.ClientTarget;
import wslab.grader.ConsoleScorecard;
import wslab.grader.GradeOptions;
import wslab.grader.GradeReports;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.grader.Targets;

@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grade a lesson's solution and print a scorecard. Exit code 0 at or above the pass mark, "
                + "1 below it, 2 on a usage error.",
        footer = {"", "Examples:",
                "  ./wslab grade 01                      grade your starter code for lesson 01",
                "  ./wslab grade 01 --impl reference     grade the reference (always 100%%)",
                "  ./wslab grade 01 --target ws://127.0.0.1:9001/handshake   grade a server in any language",
                "  ./wslab grade 04 --client-cmd \"node client.js {url}\"   grade a client in any language",
                "  ./wslab grade 04 --impl browser-reference   grade a browser client in headless Chromium",
                "  ./wslab grade all --impl reference"})
final class GradeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<NN|all>", description = "Lesson id (01) or folder (01-handshake), or 'all'.")
    String lessonId;

    @Option(names = "--target", paramLabel = "ws://host:port/path",
            description = "Grade a running server, written in any language.")
    String target;

    @Option(names = "--impl", paramLabel = "starter|reference|<class>",
            description = "Grade a Java implementation started in this process (default: starter).")
    String impl;

    @Option(names = "--client-cmd", paramLabel = "\"<command> {url}\"",
            description = "For a lesson that grades a client (04): run this program once per check, {url} replaced "
                    + "by the server to connect to. See the lesson's README for its stdin/stdout protocol.")
    String clientCmd;

    @Option(names = "--seed", description = "Seed for everything random, to replay a run (printed in every report).")
    Long seed;

    @Option(names = "--only", split = ",", paramLabel = "ID",
            description = "Run only these checks: ids or prefixes, e.g. --only rfc6455/5.2,rfc6455/8.1 or --only 01.18.")
    List<String> only = List.of();

    @Option(names = "--strict", description = "Count NON-STRICT results (SHOULD-level) as failures.")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        if ((target != null ? 1 : 0) + (impl != null ? 1 : 0) + (clientCmd != null ? 1 : 0) > 1) {
            throw usage("--target, --impl and --client-cmd are alternatives; give one");
        }
        LessonCatalog catalog = LessonCatalog.load();
        List<Lesson> lessons;
        if (lessonId.equals("all")) {
            if (target != null || clientCmd != null) {
                throw usage("'grade all' starts each lesson's implementation; --target and --client-cmd name one, so grade one lesson with it");
            }
            lessons = catalog.lessons();
        } else {
            lessons = List.of(catalog.lesson(lessonId).orElseThrow(() -> usage("no lesson '" + lessonId + "'; lessons: "
                    + catalog.lessons().stream().map(Lesson::id).collect(Collectors.joining(", ")) + ", or all")));
        }
        URI url = target == null ? null : parseTarget(target);
        GradeOptions options = GradeOptions.defaults().withStrict(strict)
                .withReportDir(Main.home().resolve("target/wslab"));
        if (seed != null) {
            options = options.withSeed(seed);
        }
        options = options.withOnly(only);
        boolean allPassed = true;
        for (Lesson lesson : lessons) {
            allPassed &= gradeOne(catalog, lesson, url, options);
        }
        return allPassed ? 0 : 1;
    }

    private boolean gradeOne(LessonCatalog catalog, Lesson lesson, URI url, GradeOptions options) throws Exception {
        ConsoleScorecard console = new ConsoleScorecard(Main.OUT);
        Scorecard card;
        if (lesson.grades() == Lesson.Kind.CLIENT) {
            if (url != null) {
                throw usage("lesson " + lesson.id() + " grades a client, not a server: use --impl or --client-cmd \"<command> {url}\"");
            }
            ClientTarget client;
            try {
                client = clientCmd != null ? ClientTarget.command(clientCmd)
                        : ClientTarget.of(catalog, lesson, impl == null ? "starter" : impl);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            card = Grader.grade(lesson, client, options, console);
        } else if (clientCmd != null) {
            throw usage("lesson " + lesson.id() + " grades a server; --client-cmd is for lessons that grade a client (04)");
        } else if (url != null) {
            card = Grader.grade(lesson, url, options, console);
        } else {
            String name = impl == null ? "starter" : impl;
            try (Targets.Running running = Targets.start(catalog, lesson, name)) {
                Main.OUT.println("Started lesson " + lesson.id() + "'s " + name + " at " + running.url());
                card = Grader.grade(lesson, running.url(), options, console);
            }
        }
        GradeReports reports = new GradeReports(options.reportDir());
        reports.write(card);
        console.summary(card, reports.html(lesson.id()), reports.xml(lesson.id()));
        return card.passed();
    }

    private URI parseTarget(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw usage("--target '" + text + "' is not a URL: " + e.getReason());
        }
        if ("wss".equals(uri.getScheme())) {
            throw usage("--target: wss:// is not supported yet; grade the plain ws:// endpoint");
        }
        if (!"ws".equals(uri.getScheme()) || uri.getHost() == null) {
            throw usage("--target must look like ws://host:port/path, not '" + text + "'");
        }
        return uri;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
