package wslab.grader;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.TestAbortedException;
import wslab.api.Lesson;

/** Runs a lesson's checks against a target through the JUnit Platform launcher and scores them. */
public final class Grader {

    /** Longer than any check needs (the longest waits about 8 s); only a hang reaches it. */
    static final String CHECK_TIME_LIMIT = "90 s";

    private Grader() {
    }

    /**
     * Grades {@code lesson} against {@code target}: every check (or those {@code --only} selects)
     * in its own context, on virtual time if the options ask and the target allows.
     *
     * @throws IllegalArgumentException when the target does not fit the lesson or the options, in one line
     */
    public static Scorecard grade(Lesson lesson, Target target, GradeOptions asked, GradeListener listener) {
        GradeOptions options = asked.withJobs(jobsOn(lesson, target, asked.jobs()));
        Optional<String> refused = refusal(lesson, target);
        if (refused.isPresent()) {
            throw new IllegalArgumentException(refused.get());
        }
        if (target.kind() != lesson.grades()) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " grades a " + lesson.grades().name().toLowerCase()
                    + ", but " + target.description() + " is a " + target.kind().name().toLowerCase());
        }
        if (options.virtualTime() && target.realTimeOnly().isPresent()) {
            throw new IllegalArgumentException("virtual time needs an in-process Java implementation that takes its time from its"
                    + " environment; " + target.description() + " cannot: " + target.realTimeOnly().get());
        }
        // The grade is held to this list: a check that sends no result has not passed.
        List<Declared> declared = declared(lesson).stream()
                .filter(d -> GradeOptions.selects(options.only(), d.info().id()))
                .filter(d -> !(options.virtualTime() && d.realTimeOnly()))
                .filter(d -> !(d.needsServerLog() && !target.showsServerLog()))
                .toList();
        long leftOut = declared(lesson).stream()
                .filter(d -> GradeOptions.selects(options.only(), d.info().id()) && options.virtualTime() && d.realTimeOnly()).count();
        long logUnseen = declared(lesson).stream()
                .filter(d -> GradeOptions.selects(options.only(), d.info().id()) && d.needsServerLog() && !target.showsServerLog()
                        && !(options.virtualTime() && d.realTimeOnly())).count();
        // A class whose static initializer failed cannot run at all; its checks are accounted for below.
        List<Class<?>> runnable = lesson.checks().stream().<Class<?>>map(Grader::checkClass)
                .filter(type -> initializationFailure(type).isEmpty()).toList();
        GradeRun run = GradeRun.start(lesson, target, options);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(runnable.stream().map(DiscoverySelectors::selectClass).toList())
                .configurationParameter(GradeParameters.RUN, run.id())
                .configurationParameter(GradeParameters.ONLY, String.join(",", options.only()))
                // A last line of defence: no server, however broken, may hang a grade.
                .configurationParameter("junit.jupiter.execution.timeout.default", CHECK_TIME_LIMIT)
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD");
        if (options.jobs() > 1) {
            // Each check has its own connections, fault link and (on virtual time) world, so they can overlap.
            request.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(options.jobs()))
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size", Integer.toString(options.jobs()));
        } else {
            // One at a time, in id order, so progress reads like the lesson's list. (An orderer makes
            // JUnit run a class's methods on one thread, so it is only set when that is wanted.)
            request.configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .configurationParameter("junit.jupiter.testmethod.order.default", CheckIdOrder.class.getName());
        }
        Launcher launcher = LauncherFactory.create();
        // Discovery cannot count parameterised invocations; the case registry can.
        String where = target.description() + (options.virtualTime() ? " (virtual time" + (leftOut == 0 ? ")"
                : "; " + leftOut + " check" + (leftOut == 1 ? "" : "s") + " that need the real clock left out)") : "")
                + (logUnseen == 0 ? "" : " (" + logUnseen + " check" + (logUnseen == 1 ? "" : "s")
                        + " that read the server's log left out: the grader did not start this server; --server-cmd or --impl runs "
                        + (logUnseen == 1 ? "it" : "them") + ")")
                + (options.jobs() < asked.jobs() ? " (one check at a time: the lesson's checks leave state on a server, and every check meets"
                        + " this one; --server-cmd gives each check a server of its own)" : "");
        listener.gradeStarted(lesson.id(), where, declared.size(), options.seed());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Collector collector = new Collector(options.strict(), listener, declared.size());
        try {
            if (!runnable.isEmpty()) {
                launcher.execute(request.build(), collector);
            }
        } finally {
            run.finish();
        }
        collector.accountFor(declared);
        List<CheckResult> results = new ArrayList<>(collector.results());
        results.sort((a, b) -> CheckResult.compareIds(a.id(), b.id()));
        return new Scorecard(lesson, where, options.seed(), options.strict(), started,
                (System.nanoTime() - t0) / 1_000_000, results);
    }

    /**
     * How many checks may run at once: {@code asked}, or one when the lesson's checks would see
     * each other's state on a server they all share ({@code needs=server-per-check} and a URL).
     */
    public static int jobsOn(Lesson lesson, Target target, int asked) {
        return lesson.needsServerPerCheck() && target.sharedByChecks() ? 1 : asked;
    }

    /**
     * Why {@code target} cannot be graded on {@code lesson} at all, in one line, before any check
     * runs: the lesson needs something of its target (restarts) that this kind of target lacks.
     */
    public static Optional<String> refusal(Lesson lesson, Target target) {
        if (lesson.needsRestarts() && !target.canRestart()) {
            return Optional.of("lesson " + lesson.id() + " kills the server and starts it again on its data (needs=restart), and "
                    + target.description() + " is not a server the grader can restart: grade --impl <name> (a child JVM) or"
                    + " --server-cmd \"<command> {port} {data-dir}\" (any language)");
        }
        return Optional.empty();
    }

    /**
     * The checks of a lesson, single and parameterised, in id order. A family of cases whose class
     * could not be initialized (its static initializer lists the cases) stands as one entry, under
     * its first id.
     */
    public static List<CheckInfo> checksOf(Lesson lesson) {
        return declared(lesson).stream().map(Declared::info).toList();
    }

    /** A check a lesson declares, and the class it lives in, so that a check which never reports can be explained. */
    private record Declared(CheckInfo info, String checksClass, boolean inFamily, Optional<String> initializationFailure,
                            boolean realTimeOnly, boolean needsServerLog) {
    }

    private static List<Declared> declared(Lesson lesson) {
        List<Declared> all = new ArrayList<>();
        for (String name : lesson.checks()) {
            Class<?> type = checkClass(name);
            Optional<String> failure = initializationFailure(type);
            for (Method m : type.getDeclaredMethods()) {
                Check check = m.getAnnotation(Check.class);
                CheckCases family = m.getAnnotation(CheckCases.class);
                boolean realTime = m.isAnnotationPresent(RealTimeOnly.class);
                boolean needsLog = m.isAnnotationPresent(NeedsServerLog.class);
                if (check != null) {
                    all.add(new Declared(CheckInfo.of(check), name, false, failure, realTime, needsLog));
                } else if (family != null && failure.isPresent()) {
                    all.add(new Declared(new CheckInfo(family.value(), "Every case that " + m.getName() + "() runs",
                            "not known: the cases could not be listed", 1, Level.MUST, List.of()), name, true, failure, realTime,
                            needsLog));
                }
            }
            if (failure.isEmpty()) {
                Case.declaredBy(type).forEach(info -> all.add(new Declared(info, name, true, failure, false, false)));
            }
        }
        all.sort((a, b) -> CheckResult.compareIds(a.info().id(), b.info().id()));
        return all;
    }

    /** A method's check: its {@link Check}, or for a {@link CheckCases} invocation, the case named by {@code displayName}. */
    static Optional<CheckInfo> infoOf(Method method, String displayName) {
        Check check = method.getAnnotation(Check.class);
        if (check != null) {
            return Optional.of(CheckInfo.of(check));
        }
        if (method.isAnnotationPresent(CheckCases.class)) {
            return Optional.ofNullable(Case.lookup(displayName));
        }
        return Optional.empty();
    }

    private static Class<?> checkClass(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("lesson.properties names check class " + name + ", which is not on the class path", e);
        }
    }

    /** Why a class's static initializer failed, kept: the JVM names the cause only on the first attempt. */
    private static final Map<Class<?>, String> UNINITIALIZABLE = new ConcurrentHashMap<>();

    /** Runs a checks class's static initializer, which registers its cases; empty if it succeeds. */
    private static Optional<String> initializationFailure(Class<?> type) {
        String known = UNINITIALIZABLE.get(type);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
            return Optional.empty();
        } catch (LinkageError e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            UNINITIALIZABLE.putIfAbsent(type, "the checks class " + type.getName() + " could not be initialized: "
                    + describe(cause));
            return Optional.of(UNINITIALIZABLE.get(type));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(type.getName() + " was loaded a moment ago", e);
        }
    }

    /**
     * Turns JUnit's events into check results. JUnit reports a container that cannot start (a
     * failing {@code @BeforeAll}, a case list that throws, a disabled class) once, for the
     * container, and nothing for the checks inside; so container failures are kept here as the
     * causes that {@link #accountFor} gives the checks that never reported.
     */
    private static final class Collector implements TestExecutionListener {

        private final boolean strict;
        private final GradeListener listener;
        private final int total;
        private final List<CheckResult> results = new ArrayList<>();

        synchronized List<CheckResult> results() {
            return List.copyOf(results);
        }
        private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
        private final Map<String, Map<String, String>> evidence = new ConcurrentHashMap<>();
        /** By checks class name: why the class, or one of its families of cases, did not run. */
        private final Map<String, String> classFailures = new ConcurrentHashMap<>();
        private final Map<String, String> familyFailures = new ConcurrentHashMap<>();
        private volatile String engineFailure;

        Collector(boolean strict, GradeListener listener, int total) {
            this.strict = strict;
            this.listener = listener;
            this.total = total;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            startNanos.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            evidence.computeIfAbsent(id.getUniqueId(), k -> new ConcurrentHashMap<>()).putAll(entry.getKeyValuePairs());
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Optional<CheckInfo> check = checkOf(id);
            if (check.isEmpty()) {
                if (!id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    containerDidNotRun(id, describe(result.getThrowable().map(Grader::unwrap).orElse(null)));
                }
                return;
            }
            long millis = (System.nanoTime() - startNanos.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
            Map<String, String> ev = evidence.getOrDefault(id.getUniqueId(), Map.of());
            add(toResult(check.get(), result, ev, millis));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (GradeParameters.NOT_SELECTED.equals(reason)) {
                return;
            }
            if (!id.isTest()) {
                containerDidNotRun(id, "it was skipped (" + reason + ")");
                return;
            }
            checkOf(id).ifPresent(c -> add(CheckResult.of(c, Verdict.FAILED, lowerFirst(c.title()),
                    DID_NOT_RUN + "it was skipped (" + reason + ")", "", List.of(), 0)));
        }

        private void containerDidNotRun(TestIdentifier id, String why) {
            Optional<TestSource> source = id.getSource();
            if (source.filter(ClassSource.class::isInstance).isPresent()) {
                classFailures.putIfAbsent(((ClassSource) source.get()).getClassName(), why);
            } else if (source.filter(MethodSource.class::isInstance).isPresent()) {
                familyFailures.putIfAbsent(((MethodSource) source.get()).getClassName(), why);
            } else if (engineFailure == null) {
                engineFailure = why;
            }
        }

        /**
         * Every declared check that sent no result did not run, so it has not passed: it is FAILED
         * and loses its points, with the nearest cause the run saw.
         */
        synchronized void accountFor(List<Declared> declared) {
            Set<String> reported = new HashSet<>();
            results.forEach(r -> reported.add(r.id()));
            for (Declared d : declared) {
                if (reported.contains(d.info().id())) {
                    continue;
                }
                String cause = d.initializationFailure()
                        .or(() -> Optional.ofNullable(d.inFamily() ? familyFailures.get(d.checksClass()) : null))
                        .or(() -> Optional.ofNullable(classFailures.get(d.checksClass())))
                        .or(() -> Optional.ofNullable(engineFailure))
                        .orElse("no result was reported for it");
                add(CheckResult.of(d.info(), Verdict.FAILED, lowerFirst(d.info().title()), DID_NOT_RUN + cause, "",
                        List.of(), 0));
            }
        }

        private synchronized void add(CheckResult r) {
            results.add(r);
            listener.checkFinished(r, results.size(), total);
        }

        private CheckResult toResult(CheckInfo c, TestExecutionResult result, Map<String, String> ev, long millis) {
            Verdict verdict;
            String expected = "";
            String actual = "";
            Throwable failure = result.getThrowable().orElse(null);
            String nonStrict = ev.get(GradeParameters.EVIDENCE_NON_STRICT);
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && !ev.containsKey(GradeParameters.EVIDENCE_STARTED)) {
                // It failed before its body began: the class could not be built, or its setup threw.
                return CheckResult.of(c, Verdict.FAILED, lowerFirst(c.title()), DID_NOT_RUN + describe(failure), "",
                        List.of(), millis);
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                if (c.level() == Level.INFO) {
                    verdict = Verdict.INFORMATIONAL;
                    actual = ev.getOrDefault(GradeParameters.EVIDENCE_INFO, "");
                } else if (nonStrict != null) {
                    verdict = strict ? Verdict.FAILED : Verdict.NON_STRICT;
                    actual = nonStrict;
                } else {
                    verdict = Verdict.OK;
                }
            } else {
                verdict = c.level() == Level.INFO ? Verdict.INFORMATIONAL : Verdict.FAILED;
                if (failure instanceof CheckFailed f) {
                    expected = f.expected();
                    actual = f.actual();
                } else if (failure instanceof TestAbortedException) {
                    expected = lowerFirst(c.title());
                    actual = "the check was aborted: " + failure.getMessage();
                } else {
                    expected = lowerFirst(c.title());
                    actual = describe(failure);
                }
            }
            List<String> toxics = Optional.ofNullable(ev.get(GradeParameters.EVIDENCE_TOXICS))
                    .map(s -> List.of(s.split("\n"))).orElse(List.of());
            return CheckResult.of(c, verdict, expected, actual, ev.getOrDefault(GradeParameters.EVIDENCE_TRANSCRIPT, ""),
                    toxics, millis);
        }

        private static Optional<CheckInfo> checkOf(TestIdentifier id) {
            if (!id.isTest()) {
                return Optional.empty();
            }
            return id.getSource()
                    .filter(MethodSource.class::isInstance)
                    .flatMap(s -> infoOf(((MethodSource) s).getJavaMethod(), id.getDisplayName()));
        }
    }

    /** How a check that never ran reads, before its cause. */
    static final String DID_NOT_RUN = "did not run: ";

    /** The exception a JUnit wrapper (such as a failed case list) stands for. */
    private static Throwable unwrap(Throwable t) {
        Throwable inner = t;
        while (inner instanceof JUnitException && inner.getCause() != null) {
            inner = inner.getCause();
        }
        return inner;
    }

    /** An unexpected exception from a check, in words: usually the server did something abrupt. */
    static String describe(Throwable t) {
        if (t == null) {
            return "the check did not complete";
        }
        if (t instanceof SocketTimeoutException) {
            return "the server did not answer in time (" + t.getMessage() + ")";
        }
        if (t instanceof ConnectException) {
            return "could not connect: " + t.getMessage();
        }
        if (t instanceof java.io.EOFException) {
            return "the server closed the connection early";
        }
        if (t instanceof java.net.SocketException) {
            return "the connection failed: " + t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
