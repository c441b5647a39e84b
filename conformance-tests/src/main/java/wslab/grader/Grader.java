package wslab.grader;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
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
    public static Scorecard grade(Lesson lesson, Target target, GradeOptions options, GradeListener listener) {
        if (target.kind() != lesson.grades()) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " grades a " + lesson.grades().name().toLowerCase()
                    + ", but " + target.description() + " is a " + target.kind().name().toLowerCase());
        }
        if (options.virtualTime() && target.realTimeOnly().isPresent()) {
            throw new IllegalArgumentException("virtual time needs an in-process Java implementation that takes its time from its"
                    + " environment; " + target.description() + " cannot: " + target.realTimeOnly().get());
        }
        GradeRun run = GradeRun.start(lesson, target, options);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(lesson.checks().stream().map(c -> DiscoverySelectors.selectClass(checkClass(c))).toList())
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
        List<CheckInfo> declared = checksOf(lesson).stream().filter(c -> GradeOptions.selects(options.only(), c.id())).toList();
        String where = target.description() + (options.virtualTime() ? " (virtual time)" : "");
        listener.gradeStarted(lesson.id(), where, declared.size(), options.seed());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Collector collector = new Collector(options.strict(), listener, declared.size());
        try {
            launcher.execute(request.build(), collector);
        } finally {
            run.finish();
        }
        List<CheckResult> results = new ArrayList<>(collector.results());
        results.sort((a, b) -> CheckResult.compareIds(a.id(), b.id()));
        return new Scorecard(lesson, where, options.seed(), options.strict(), started,
                (System.nanoTime() - t0) / 1_000_000, results);
    }

    /** The checks of a lesson, single and parameterised, in id order. */
    public static List<CheckInfo> checksOf(Lesson lesson) {
        List<CheckInfo> all = new ArrayList<>();
        for (String name : lesson.checks()) {
            Class<?> type = checkClass(name);
            Arrays.stream(type.getDeclaredMethods()).map(m -> m.getAnnotation(Check.class)).filter(c -> c != null)
                    .map(CheckInfo::of).forEach(all::add);
            all.addAll(Case.declaredBy(type));
        }
        all.sort((a, b) -> CheckResult.compareIds(a.id(), b.id()));
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
            return Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("lesson.properties names check class " + name + ", which is not on the class path", e);
        }
    }

    /** Turns JUnit's events into check results. */
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
                if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                    // A whole class failed to start: report it rather than score zero silently.
                    throw new IllegalStateException("checks " + id.getDisplayName() + " could not run: "
                            + result.getThrowable().map(Throwable::toString).orElse("unknown"));
                }
                return;
            }
            long millis = (System.nanoTime() - startNanos.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
            Map<String, String> ev = evidence.getOrDefault(id.getUniqueId(), Map.of());
            CheckResult r = toResult(check.get(), result, ev, millis);
            synchronized (this) {
                results.add(r);
                listener.checkFinished(r, results.size(), total);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (GradeParameters.NOT_SELECTED.equals(reason)) {
                return;
            }
            checkOf(id).ifPresent(c -> {
                CheckResult r = CheckResult.of(c, Verdict.FAILED, c.title(), "the check was skipped: " + reason, "",
                        List.of(), 0);
                synchronized (this) {
                    results.add(r);
                    listener.checkFinished(r, results.size(), total);
                }
            });
        }

        private CheckResult toResult(CheckInfo c, TestExecutionResult result, Map<String, String> ev, long millis) {
            Verdict verdict;
            String expected = "";
            String actual = "";
            Throwable failure = result.getThrowable().orElse(null);
            String nonStrict = ev.get(GradeParameters.EVIDENCE_NON_STRICT);
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
