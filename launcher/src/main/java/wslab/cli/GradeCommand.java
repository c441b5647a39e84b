package wslab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.ConsoleScorecard;
import wslab.grader.GradeOptions;
import wslab.grader.GradeReports;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.grader.Target;
import wslab.grader.TargetKind;

@Command(name = "grade", mixinStandardHelpOptions = true, modelTransformer = GradeCommand.TargetOptions.class,
        description = "Grade a lesson's solution and print a scorecard. Exit code 0 at or above the pass mark, "
                + "1 below it, 2 on a usage error, 3 when the target does not answer or cannot start.",
        footer = {"", "Examples:",
                "  ./wslab grade 01                      grade your starter code for lesson 01",
                "  ./wslab grade 01 --impl reference     grade the reference (always 100%%)",
                "  ./wslab grade 04 --time virtual       grade your Java client on a simulated network and clock",
                "  ./wslab grade 01 --target ws://127.0.0.1:9001/handshake   grade a server in any language",
                "  ./wslab grade 09 --target wss://127.0.0.1:9009/secure --trust cert.pem   a TLS server and its certificate",
                "  ./wslab grade 04 --client-cmd \"node client.js {url}\"   grade a client in any language",
                "  ./wslab grade 04 --impl browser-reference   grade a browser client in headless Chromium",
                "  ./wslab grade all --impl reference"})
final class GradeCommand implements Callable<Integer> {

    /** The exit code for a target that is not there: nothing was graded. */
    static final int TARGET_MISSING = 3;

    @CommandLine.Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<NN|all>", description = "Lesson id (01) or folder (01-handshake), or 'all'.")
    String lessonId;

    /** The target options given, by option name; the options themselves come from the target kinds. */
    final Map<String, String> targets = new LinkedHashMap<>();

    @Option(names = "--seed", description = "Seed for everything random, to replay a run (printed in every report).")
    Long seed;

    @Option(names = "--only", split = ",", paramLabel = "ID",
            description = "Run only these checks: ids or prefixes, e.g. --only rfc6455/5.2,rfc6455/8.1 or --only 01.18.")
    List<String> only = List.of();

    @Option(names = "--strict", description = "Count NON-STRICT results (SHOULD-level) as failures.")
    boolean strict;

    @Option(names = "--time", paramLabel = "real|virtual", defaultValue = "real",
            description = "real (default): the real network, fault proxy and clock. virtual: a Java implementation "
                    + "on a simulated network and clock, every timing exact, a whole lesson in seconds.")
    String time;

    @Option(names = "--trust", paramLabel = "PEM", split = ",",
            description = "Trust the certificates in these PEM files for a wss:// target (lesson 09); a server the grader "
                    + "starts is trusted with the certificate it prints in its log.")
    List<java.nio.file.Path> trust = List.of();

    @Option(names = "--jobs", paramLabel = "N",
            description = "How many checks run at once (default: the lesson's 'jobs' in its lesson.properties, else 1);"
                    + " each has its own connections and links.")
    Integer jobs;

    /** Adds one option per target kind found on the class path: --target, --impl, --client-cmd, --server-cmd, ... */
    static final class TargetOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            GradeCommand command = (GradeCommand) spec.userObject();
            for (TargetKind kind : TargetKind.all()) {
                spec.addOption(OptionSpec.builder(kind.option()).paramLabel(kind.paramLabel()).description(kind.description())
                        .type(String.class).setter(new CommandLine.Model.ISetter() {
                            @Override
                            public <T> T set(T value) {
                                if (value != null) {
                                    command.targets.put(kind.option(), (String) value);
                                }
                                return null;
                            }
                        }).build());
            }
            return spec;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (targets.size() > 1) {
            throw usage(String.join(" and ", targets.keySet()) + " are alternatives; give one");
        }
        if (!time.equals("real") && !time.equals("virtual")) {
            throw usage("--time is real or virtual, not '" + time + "'");
        }
        if (jobs != null && (jobs < 1 || jobs > 64)) {
            throw usage("--jobs must be between 1 and 64, not " + jobs);
        }
        for (java.nio.file.Path pem : trust) {
            requireCertificates(pem);
        }
        LessonCatalog catalog = LessonCatalog.load();
        List<Lesson> lessons;
        if (lessonId.equals("all")) {
            if (targets.keySet().stream().anyMatch(o -> !o.equals("--impl"))) {
                throw usage("'grade all' starts each lesson's implementation; " + String.join(", ", targets.keySet())
                        + " names one, so grade one lesson with it");
            }
            lessons = catalog.lessons();
        } else {
            lessons = List.of(catalog.lesson(lessonId).orElseThrow(() -> usage("no lesson '" + lessonId + "'; lessons: "
                    + catalog.lessons().stream().map(Lesson::id).collect(Collectors.joining(", ")) + ", or all")));
        }
        GradeOptions options = GradeOptions.defaults().withStrict(strict).withReportDir(Main.home().resolve("target/wslab"))
                .withOnly(only).withVirtualTime(time.equals("virtual")).withTrust(trust);
        if (seed != null) {
            options = options.withSeed(seed);
        }
        boolean allPassed = true;
        for (Lesson lesson : lessons) {
            Target target = target(lesson, catalog);
            Optional<String> refused = Grader.refusal(lesson, target);
            if (refused.isPresent()) {
                throw usage(refused.get());
            }
            Optional<String> missing = target.probe(lesson);
            if (missing.isPresent()) {
                spec.commandLine().getErr().println("wslab: " + missing.get());
                return TARGET_MISSING;
            }
            allPassed &= gradeOne(lesson, target, options.withJobs(jobsFor(lesson, jobs)));
        }
        return allPassed ? 0 : 1;
    }

    /** {@code --jobs} if given, else the lesson's own default (its lesson.properties). */
    static int jobsFor(Lesson lesson, Integer given) {
        return given != null ? given : lesson.jobs();
    }

    private void requireCertificates(java.nio.file.Path pem) {
        if (!java.nio.file.Files.isRegularFile(pem)) {
            throw usage("--trust " + pem + ": no such file");
        }
        try {
            if (wslab.api.Tls.certificates(java.nio.file.Files.readString(pem)).isEmpty()) {
                throw usage("--trust " + pem + " holds no certificate (-----BEGIN CERTIFICATE----- ...)");
            }
        } catch (java.io.IOException e) {
            throw usage("--trust " + pem + ": cannot read it (" + e.getMessage() + ")");
        } catch (java.security.cert.CertificateException e) {
            throw usage("--trust " + pem + ": a certificate in it does not parse (" + e.getMessage() + ")");
        }
    }

    private Target target(Lesson lesson, LessonCatalog catalog) {
        Map.Entry<String, String> given = targets.isEmpty() ? Map.entry("--impl", "starter")
                : targets.entrySet().iterator().next();
        TargetKind kind = TargetKind.all().stream().filter(k -> k.option().equals(given.getKey())).findFirst()
                .orElseThrow(() -> usage("no target kind answers to " + given.getKey()));
        try {
            return kind.parse(given.getValue(), lesson, catalog);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private boolean gradeOne(Lesson lesson, Target target, GradeOptions options) throws Exception {
        ConsoleScorecard console = new ConsoleScorecard(Main.OUT);
        Scorecard card;
        try {
            card = Grader.grade(lesson, target, options, console);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        GradeReports reports = new GradeReports(options.reportDir());
        reports.write(card);
        console.summary(card, reports.html(lesson.id()), reports.xml(lesson.id()));
        if (!options.virtualTime() && target.realTimeOnly().isEmpty() && lessonHasTiming(card)) {
            Main.OUT.println("Tip: --time virtual grades this Java solution on a simulated network and clock, exactly and in seconds.");
        }
        return card.passed();
    }

    /** Whether the grade took long enough that virtual time is worth mentioning. */
    private static boolean lessonHasTiming(Scorecard card) {
        return card.millis() > 10_000;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
