package wslab.proof;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.CheckInfo;
import wslab.grader.CheckResult;
import wslab.grader.GradeListener;
import wslab.grader.GradeOptions;
import wslab.grader.GradeReports;
import wslab.grader.Grader;
import wslab.grader.Level;
import wslab.grader.Scorecard;
import wslab.grader.Target;
import wslab.grader.Verdict;
import wslab.grader.targets.ImplTargetKind;

/**
 * A lesson's proof, declared once: the reference passes every check strictly (on virtual time
 * when it can, and once on the real network, fault proxy and clock), the starter fails the
 * checks it names, and each mutant fails exactly the checks it names while the reference passes
 * them. {@link #cases()} turns the declaration into the cases {@link LessonProofTest} runs, in
 * parallel, with one more: every check of the lesson has a mutant that fails it.
 *
 * <pre>
 * LessonProof.of("03")
 *     .reference()
 *     .starterFails("03.1", "03.5")
 *     .mutantServer("NEVER_PINGS", env -&gt; new HeartbeatServer(env) {...}, "03.1", "03.2")
 * </pre>
 */
public final class LessonProof {

    /** A proof's body: throws an {@link AssertionError} that says what did not hold. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** One named proof; its name is what the test report shows. */
    public record ProofCase(String name, Body body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private record Mutant(String name, Target target, List<String> caughtBy, boolean strict) {
    }

    private final LessonCatalog catalog;
    private final Lesson lesson;
    private final List<ProofCase> cases = new ArrayList<>();
    /** Cases on the real clock: long waits, started before the quick virtual ones so the proof ends sooner. */
    private final List<ProofCase> realCases = new ArrayList<>();
    private final List<Mutant> mutants = new ArrayList<>();
    private long seed;
    private int realJobs = 4;
    private int seedsPerMutant = 1;
    private int timeoutMillis = 5000;
    private List<String> mustStillPass = List.of();
    private java.util.function.Supplier<java.util.Optional<String>> unavailable = java.util.Optional::empty;
    private java.util.function.Supplier<java.util.Optional<String>> browserUnavailable = java.util.Optional::empty;
    private List<String> browserChecks = List.of();

    private LessonProof(LessonCatalog catalog, Lesson lesson) {
        this.catalog = catalog;
        this.lesson = lesson;
        // An id may carry a letter after its number (02c, lesson 02's client side).
        String number = lesson.id().replaceAll("\\D", "");
        this.seed = (number.isEmpty() ? 0 : Long.parseLong(number)) * 1000 + 7;
    }

    public static LessonProof of(String lessonId) {
        LessonCatalog catalog = LessonCatalog.load();
        Lesson lesson = catalog.lesson(lessonId)
                .orElseThrow(() -> new IllegalArgumentException("no lesson " + lessonId + " on the class path"));
        return new LessonProof(catalog, lesson);
    }

    public Lesson lesson() {
        return lesson;
    }

    public LessonCatalog catalog() {
        return catalog;
    }

    /** The seed every grade of this proof starts from (mutants on more seeds count up from it). */
    public LessonProof seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many checks the real-time grades declared after this run at once. */
    public LessonProof realJobs(int jobs) {
        this.realJobs = jobs;
        return this;
    }

    /** Grades each mutant that runs on virtual time with this many seeds: it must be caught on every one. */
    public LessonProof mutantsOnSeeds(int seeds) {
        this.seedsPerMutant = seeds;
        return this;
    }

    /**
     * Mutants declared after this are also graded on {@code checks}, which they must pass: proof
     * that the mutant loaded and works, so its failures are its mistake, not a broken start.
     */
    public LessonProof mutantsStillPass(String... checks) {
        this.mustStillPass = List.of(checks);
        return this;
    }

    /**
     * Cases declared after this run only when {@code unavailableReason} is empty (Chromium is
     * installed, say); otherwise they are skipped with that reason, never passed.
     */
    public LessonProof onlyWhen(java.util.function.Supplier<java.util.Optional<String>> unavailableReason) {
        this.unavailable = unavailableReason;
        return this;
    }

    /**
     * Checks that need a browser ({@link wslab.grader.RealTimeOnly}; virtual time leaves them out
     * anyway). On a machine without one ({@code unavailableReason} present), the real-time grades
     * leave them out too, and a case of their own is skipped with the reason, never passed.
     */
    public LessonProof browserChecks(java.util.function.Supplier<java.util.Optional<String>> unavailableReason, String... checks) {
        this.browserUnavailable = unavailableReason;
        this.browserChecks = List.of(checks);
        java.util.function.Supplier<java.util.Optional<String>> before = unavailable;
        unavailable = unavailableReason;
        add(String.join(", ", checks) + " run in the real browser with every real-time grade", () -> {
        });
        unavailable = before;
        return this;
    }

    /** How long the suite waits at each step (mutants that make it wait need less than the default 5 s). */
    public LessonProof timeoutMillis(int millis) {
        this.timeoutMillis = millis;
        return this;
    }

    /** The lesson's published {@code reference}: passes every check strictly, on virtual time and once for real. */
    public LessonProof reference() {
        return passesEverything("reference", named("reference"));
    }

    /**
     * {@code target} passes every check strictly: on virtual time if it can run there, and once
     * on the real network, fault proxy and clock.
     */
    public LessonProof passesEverything(String name, Target target) {
        int jobs = realJobs;
        if (target.realTimeOnly().isEmpty()) {
            add(name + " passes every check strictly on virtual time",
                    () -> requireAllPass(grade(target, options(true).withStrict(true))));
        }
        add(name + " passes every check strictly on the real network and clock",
                () -> requireAllPass(grade(target, options(false).withStrict(true).withJobs(jobs))), true);
        return this;
    }

    /**
     * A variant that differs from the reference where the RFC leaves the choice to the server
     * passes {@code only} (none: every check) strictly: a check that failed it would grade the
     * reference's habits, not the contract.
     */
    public LessonProof variantServer(String name, Function<LabEnvironment, LabServer> factory, String... only) {
        Target target = ImplTargetKind.server("variant " + name, path(), factory);
        add("variant " + name + " passes " + (only.length == 0 ? "every check" : String.join(", ", only)) + " strictly",
                () -> requireAllPass(grade(target, options(true).withStrict(true).withOnly(List.of(only)))));
        return this;
    }

    /** {@code target} passes {@code only} (ids or prefixes): a proof of one more way in, such as a program. */
    public LessonProof passes(String name, Target target, String... only) {
        int jobs = realJobs;
        add(name + " passes " + String.join(", ", only), () -> {
            Scorecard card = grade(target, options(target.realTimeOnly().isEmpty()).withOnly(List.of(only))
                    .withJobs(target.realTimeOnly().isEmpty() ? 1 : jobs));
            requireAllPass(card);
        }, target.realTimeOnly().isPresent());
        return this;
    }

    /** The published {@code starter}, graded only on {@code checks}: it fails each of them. */
    public LessonProof starterFails(String... checks) {
        return fails("starter", named("starter"), checks);
    }

    /** {@code target}, graded only on {@code checks}: it fails each one, and nothing else. */
    public LessonProof fails(String name, Target target, String... checks) {
        int jobs = realJobs;
        add(name + " fails " + String.join(", ", checks), () -> {
            boolean virtual = target.realTimeOnly().isEmpty();
            Scorecard card = grade(target, options(virtual).withOnly(List.of(checks)).withJobs(virtual ? 1 : jobs));
            requireFailsExactly(card, checks);
        }, target.realTimeOnly().isPresent());
        return this;
    }

    /**
     * {@code target}, graded on every check (on virtual time if it can), fails exactly
     * {@code checks}: a third-party implementation's documented deviations, pinned.
     */
    public LessonProof failsOnly(String name, Target target, String... checks) {
        int jobs = realJobs;
        add(name + " fails only " + (checks.length == 0 ? "nothing" : String.join(", ", checks)), () -> {
            boolean virtual = target.realTimeOnly().isEmpty();
            requireFailsExactly(grade(target, options(virtual).withJobs(virtual ? 1 : jobs)), checks);
        }, target.realTimeOnly().isPresent());
        return this;
    }

    /**
     * A grade for an {@link #also} proof: {@code only} selects checks (none: all), on virtual time
     * if the target can run there; its reports are written like every other.
     */
    public Scorecard gradeOn(Target target, String... only) throws Exception {
        return gradeOn(target, false, only);
    }

    /** As {@link #gradeOn(Target, String...)}, with --strict or without. */
    public Scorecard gradeOn(Target target, boolean strict, String... only) throws Exception {
        boolean virtual = target.realTimeOnly().isEmpty();
        return grade(target, options(virtual).withStrict(strict).withOnly(List.of(only)).withJobs(virtual ? 1 : realJobs));
    }

    /** A server target built from a factory, at the lesson's path, for {@link #gradeOn}. */
    public Target server(String name, Function<LabEnvironment, LabServer> factory) {
        return ImplTargetKind.server(name, path(), factory);
    }

    /** A broken server: {@code factory} builds it; graded on {@code caughtBy}, it fails exactly those. */
    public LessonProof mutantServer(String name, Function<LabEnvironment, LabServer> factory, String... caughtBy) {
        return mutant(name, ImplTargetKind.server("mutant " + name, path(), factory), false, caughtBy);
    }

    /**
     * A broken server the checks kill and restart (lessons that need restarts): built with its data
     * directory, in a simulated process on virtual time; graded on {@code caughtBy}, it fails exactly those.
     */
    public LessonProof mutantRestartableServer(String name, java.util.function.BiFunction<LabEnvironment, Path, LabServer> factory,
                                               String... caughtBy) {
        return mutant(name, ImplTargetKind.restartableServer("mutant " + name, path(), factory), false, caughtBy);
    }

    /** As {@link #mutantServer}, for a mistake the RFC words as SHOULD: it fails those checks under --strict. */
    public LessonProof strictMutantServer(String name, Function<LabEnvironment, LabServer> factory, String... caughtBy) {
        return mutant(name, ImplTargetKind.server("mutant " + name, path(), factory), true, caughtBy);
    }

    /** A broken client: graded on {@code caughtBy}, it fails exactly those. */
    public LessonProof mutantClient(String name, Function<LabEnvironment, LabClient> factory, String... caughtBy) {
        return mutant(name, ImplTargetKind.client("mutant " + name, factory), false, caughtBy);
    }

    /** Any broken target (a browser script, a program); on the real clock if it cannot run on virtual time. */
    public LessonProof mutant(String name, Target target, boolean strict, String... caughtBy) {
        int jobs = realJobs;
        Mutant m = new Mutant(name, target, List.of(caughtBy), strict);
        mutants.add(m);
        boolean virtual = target.realTimeOnly().isEmpty();
        int seeds = virtual ? seedsPerMutant : 1;
        List<String> graded = new ArrayList<>(m.caughtBy);
        graded.addAll(mustStillPass);
        add("mutant " + name + " is caught by " + String.join(", ", caughtBy)
                + (seeds > 1 ? " on each of " + seeds + " seeds" : "") + (virtual ? "" : " (real time)"), () -> {
            for (int s = 0; s < seeds; s++) {
                Scorecard card = grade(m.target, options(virtual).withSeed(seed + s).withStrict(m.strict)
                        .withOnly(graded).withJobs(virtual ? 1 : jobs));
                requireFailsExactly(card, caughtBy);
            }
        }, !virtual);
        return this;
    }

    /** A proof that is neither a pass nor a mutant: run as one of the lesson's proof cases. */
    public LessonProof also(String name, Body body) {
        add(name, body);
        return this;
    }

    /** The same, for a proof that waits out the wall clock (a real process, real kills): started before the others. */
    public LessonProof alsoOnTheRealClock(String name, Body body) {
        add(name, body, true);
        return this;
    }

    private void add(String name, Body body) {
        add(name, body, false);
    }

    /** A case; a real-time one ({@code real}) waits out the wall clock, so it is started first. */
    private void add(String name, Body body, boolean real) {
        java.util.function.Supplier<java.util.Optional<String>> reason = unavailable;
        ProofCase c = new ProofCase(name, () -> {
            reason.get().ifPresent(why -> org.junit.jupiter.api.Assumptions.abort("skipped: " + why));
            body.run();
        });
        if (real) {
            realCases.add(c);
        } else {
            cases.add(c);
        }
    }

    /**
     * The cases, and two that every lesson gets: its Java starter and reference stay behind the
     * environment (so virtual time can be trusted), and every check is failed by some mutant.
     */
    public Stream<ProofCase> cases() {
        List<ProofCase> all = new ArrayList<>(realCases);
        all.addAll(cases);
        all.add(new ProofCase("the starter and the reference take time, threads and sockets only from their environment",
                this::requireEnvironmentSeam));
        all.add(new ProofCase("every check has a mutant that it catches", this::requireEveryCheckHasAMutant));
        all.add(new ProofCase("the README's check table, quoted scorecard lines, names and reference size match the code",
                () -> LessonReadme.of(lesson).requireMatchesTheCode()));
        return all.stream();
    }

    /** A target the lesson publishes by name. */
    public Target named(String name) {
        return new ImplTargetKind().parse(name, lesson, catalog);
    }

    private String path() {
        return lesson.paths().isEmpty() ? "/" : lesson.paths().get(0);
    }

    private GradeOptions options(boolean virtual) {
        return GradeOptions.defaults().withSeed(seed).withVirtualTime(virtual).withTimeoutMillis(timeoutMillis)
                .withReportDir(Path.of("target", "wslab-proofs", lesson.folder()));
    }

    private Scorecard grade(Target target, GradeOptions options) throws Exception {
        if (!options.virtualTime() && options.only().isEmpty() && !browserChecks.isEmpty() && browserUnavailable.get().isPresent()) {
            options = options.withOnly(Grader.checksOf(lesson).stream().map(CheckInfo::id)
                    .filter(id -> !GradeOptions.selects(browserChecks, id)).toList());
        }
        Scorecard card = Grader.grade(lesson, target, options, GradeListener.SILENT);
        // The report keeps the wire transcripts, should a proof ever fail.
        String name = target.description().replaceAll("[^A-Za-z0-9_.-]+", "-");
        if (name.length() > 60) {
            // A command line makes a long description; the folder needs only to be told apart.
            name = name.substring(0, 40) + "-" + Integer.toHexString(target.description().hashCode());
        }
        name += options.virtualTime() ? "-virtual" : "-real";
        new GradeReports(options.reportDir().resolve(name)).write(card);
        return card;
    }

    private void requireAllPass(Scorecard card) {
        List<String> bad = card.results().stream()
                .filter(r -> r.verdict() != (r.level() == Level.INFO ? Verdict.INFORMATIONAL : Verdict.OK))
                .map(LessonProof::describe).toList();
        if (!bad.isEmpty() || card.percent() != 100) {
            throw new AssertionError(card.target() + " should pass every check, but " + bad.size() + " did not (seed "
                    + card.seed() + "):\n  " + String.join("\n  ", bad));
        }
    }

    private void requireFailsExactly(Scorecard card, String... selectors) {
        Set<String> expected = selected(List.of(selectors));
        if (expected.isEmpty() && selectors.length > 0) {
            throw new AssertionError("no check of lesson " + lesson.id() + " matches " + List.of(selectors));
        }
        Set<String> failed = card.failures().stream().map(CheckResult::id).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!failed.equals(expected)) {
            Set<String> missed = new LinkedHashSet<>(expected);
            missed.removeAll(failed);
            Set<String> extra = new LinkedHashSet<>(failed);
            extra.removeAll(expected);
            String passedThese = card.results().stream().filter(r -> missed.contains(r.id()))
                    .map(r -> r.id() + " " + r.verdict().label() + (r.actual().isEmpty() ? "" : ": " + r.actual()))
                    .collect(Collectors.joining("\n  "));
            throw new AssertionError(card.target() + " (seed " + card.seed() + ") should fail exactly " + expected
                    + (missed.isEmpty() ? "" : "\nbut these did not fail:\n  " + passedThese)
                    + (extra.isEmpty() ? "" : "\nand these failed too: " + extra + "\n  " + card.failures().stream()
                    .filter(r -> extra.contains(r.id())).map(LessonProof::describe).collect(Collectors.joining("\n  "))));
        }
    }

    private void requireEveryCheckHasAMutant() {
        Set<String> covered = new LinkedHashSet<>();
        for (Mutant m : mutants) {
            covered.addAll(selected(m.caughtBy));
        }
        List<String> uncovered = Grader.checksOf(lesson).stream().map(CheckInfo::id).filter(id -> !covered.contains(id)).toList();
        if (!uncovered.isEmpty()) {
            throw new AssertionError("lesson " + lesson.id() + " has checks that no mutant fails (" + uncovered.size() + "): "
                    + uncovered);
        }
    }

    private void requireEnvironmentSeam() {
        List<Object> published = new ArrayList<>();
        published.addAll(catalog.implementations(lesson.id()));
        published.addAll(catalog.clientImplementations(lesson.id()));
        List<String> packages = published.stream().map(Object::getClass)
                .filter(c -> !c.isAnnotationPresent(wslab.api.RealTime.class))
                .map(c -> (c.getEnclosingClass() == null ? c : c.getEnclosingClass()).getPackageName()).distinct().toList();
        if (packages.isEmpty()) {
            throw new AssertionError("lesson " + lesson.id() + " publishes no Java implementation to check");
        }
        com.tngtech.archunit.lang.EvaluationResult result = EnvironmentSeam.check(packages);
        if (result.hasViolation()) {
            throw new AssertionError(result.getFailureReport().toString());
        }
    }

    private Set<String> selected(List<String> selectors) {
        return Grader.checksOf(lesson).stream().map(CheckInfo::id).filter(id -> GradeOptions.selects(selectors, id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String describe(CheckResult r) {
        return r.id() + " " + r.verdict().label() + ": expected " + r.expected() + ", but " + r.actual();
    }
}
