package wslab.proof;

import java.util.List;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The rule that makes virtual time trustworthy: a Java solution takes time, timers, threads,
 * randomness and sockets from its {@code LabEnvironment}, never on its own. A solution that read
 * {@code System.nanoTime()} would see the real clock under a virtual one, and its proof would
 * lie. Checked with ArchUnit over the packages of a lesson's starter and reference.
 */
public final class EnvironmentSeam {

    /** What a solution may not touch, and what to use instead. */
    private record Forbidden(String owner, String member, String instead) {
        boolean matches(JavaAccess<?> access) {
            return access.getTargetOwner().getName().equals(owner)
                    && (member.equals("*") || access.getTarget().getName().equals(member));
        }

        @Override
        public String toString() {
            return owner.substring(owner.lastIndexOf('.') + 1) + (member.equals("*") ? "" : "." + member) + " (use " + instead + ")";
        }
    }

    private static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden("java.lang.System", "nanoTime", "env.nanoTime()"),
            new Forbidden("java.lang.System", "currentTimeMillis", "env.nanoTime()"),
            new Forbidden("java.time.Instant", "now", "env.nanoTime()"),
            new Forbidden("java.time.Clock", "systemUTC", "env.nanoTime()"),
            new Forbidden("java.time.Clock", "systemDefaultZone", "env.nanoTime()"),
            new Forbidden("java.lang.Thread", "sleep", "env.sleep"),
            new Forbidden("java.lang.Thread", "<init>", "env.startThread or env.newLoop"),
            new Forbidden("java.lang.Thread", "startVirtualThread", "env.startThread"),
            new Forbidden("java.util.concurrent.Executors", "*", "env.newLoop or env.startThread"),
            new Forbidden("java.util.concurrent.ScheduledThreadPoolExecutor", "<init>", "env.newLoop"),
            new Forbidden("java.util.concurrent.ThreadPoolExecutor", "<init>", "env.newLoop or env.startThread"),
            new Forbidden("java.util.concurrent.ForkJoinPool", "commonPool", "env.newLoop"),
            new Forbidden("java.util.Timer", "<init>", "env.newLoop().schedule"),
            new Forbidden("java.util.concurrent.CompletableFuture", "delayedExecutor", "loop.schedule"),
            new Forbidden("java.util.concurrent.CompletableFuture", "supplyAsync", "loop.execute"),
            new Forbidden("java.util.concurrent.CompletableFuture", "runAsync", "loop.execute"),
            new Forbidden("java.util.concurrent.CompletableFuture", "get", "a Signal, or a callback on the loop"),
            new Forbidden("java.util.concurrent.CompletableFuture", "join", "a Signal, or a callback on the loop"),
            new Forbidden("java.util.concurrent.Future", "get", "a Signal, or a callback on the loop"),
            new Forbidden("java.util.concurrent.ScheduledFuture", "get", "a Signal, or a callback on the loop"),
            new Forbidden("java.util.concurrent.CountDownLatch", "await", "env.newSignal()"),
            new Forbidden("java.util.concurrent.locks.LockSupport", "*", "env.newSignal()"),
            new Forbidden("java.util.concurrent.ThreadLocalRandom", "*", "env.random()"),
            new Forbidden("java.lang.Math", "random", "env.random()"),
            new Forbidden("java.net.Socket", "<init>", "env.connect"),
            new Forbidden("java.net.ServerSocket", "<init>", "env.listen"),
            new Forbidden("java.net.http.HttpClient", "*", "env.openWebSocket"),
            new Forbidden("java.nio.channels.SocketChannel", "*", "env.connect"),
            new Forbidden("java.nio.channels.ServerSocketChannel", "*", "env.listen"));

    private EnvironmentSeam() {
    }

    /**
     * The rule over the classes of {@code packages}. Classes marked {@link wslab.api.RealTime} (a
     * program's main, a Jetty server) are allowed past it: they never run on virtual time.
     */
    public static EvaluationResult check(List<String> packages) {
        return check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages), packages);
    }

    /** The rule over {@code classes} already imported, for the rule's own test. */
    static EvaluationResult check(JavaClasses classes, List<String> packages) {
        DescribedPredicate<JavaAccess<?>> forbidden = DescribedPredicate.describe(
                "a clock, thread, sleep, blocking wait, random source or socket of its own: "
                        + FORBIDDEN.stream().map(Forbidden::toString).collect(Collectors.joining(", ")),
                access -> FORBIDDEN.stream().anyMatch(f -> f.matches(access))
                        // new Random(seed) and new SplittableRandom(seed) are seeded; only the unseeded ones are banned.
                        || isUnseededRandom(access) || isObjectWait(access));
        ArchRule rule = ArchRuleDefinition.noClasses()
                .that().resideInAnyPackage(packages.stream().map(p -> p + "..").toArray(String[]::new))
                .and(DescribedPredicate.describe("are not marked @RealTime", c -> !c.isAnnotatedWith(wslab.api.RealTime.class)
                        && c.getEnclosingClass().map(e -> !e.isAnnotatedWith(wslab.api.RealTime.class)).orElse(true)))
                .should().accessTargetWhere(forbidden)
                .because("a Java solution takes time, threads, randomness and sockets from its LabEnvironment, so its"
                        + " proof can run on virtual time (docs/platform.md)");
        return rule.allowEmptyShould(true).evaluate(classes);
    }

    /** Object.wait, whatever class it is called on: the clock the simulation keeps cannot wake it. */
    private static boolean isObjectWait(JavaAccess<?> access) {
        String full = access.getTarget().getFullName();
        return access.getTarget().getName().equals("wait")
                && (full.endsWith(".wait()") || full.endsWith(".wait(long)") || full.endsWith(".wait(long, int)"));
    }

    private static boolean isUnseededRandom(JavaAccess<?> access) {
        String owner = access.getTargetOwner().getName();
        return (owner.equals("java.util.Random") || owner.equals("java.util.SplittableRandom"))
                && access.getTarget().getName().equals("<init>")
                && access.getTarget().getFullName().endsWith("()");
    }
}
