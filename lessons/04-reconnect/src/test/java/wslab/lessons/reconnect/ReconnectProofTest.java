package wslab.lessons.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import wslab.browser.BrowserClient;
import wslab.grader.Scorecard;
import wslab.grader.Target;
import wslab.grader.targets.ClientCommandTargetKind;
import wslab.grader.targets.JavaClientTarget;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.proof.LessonReadme;
import wslab.reference.reconnect.LineProtocolClient;

/**
 * Lesson 04's checks, proven both ways: the Java and browser references pass, the starters fail,
 * each mutant is caught by its check. Java mutants run on virtual time, where a mistake of 25 ms
 * is caught on every seed; the browser is graded in Chromium on the real clock.
 */
class ReconnectProofTest extends LessonProofTest {

    /** A browser script with one mistake, in Chromium. */
    static Target browserMutant(String script) {
        return new JavaClientTarget("browser " + script, env -> new BrowserClient(script, env.random().nextLong()),
                "a browser runs on the wall clock and the real network");
    }

    /** A client in "any language": the reference run as a program speaking the stdin/stdout protocol. */
    static Target referenceAsAProgram() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ClientCommandTargetKind.of(java + " -cp " + System.getProperty("java.class.path") + " "
                + LineProtocolClient.class.getName() + " " + ClientCommandTargetKind.URL_PLACEHOLDER + " "
                + ClientCommandTargetKind.SEED_PLACEHOLDER);
    }

    /** A client written in Python from the README's contract, with json.dumps' spacing and its own key order. */
    static Target pythonClient() {
        String script = Path.of("src", "test", "resources", "clients", "spaced_json_client.py").toAbsolutePath().toString();
        return ClientCommandTargetKind.of("python3 " + script + " " + ClientCommandTargetKind.URL_PLACEHOLDER + " "
                + ClientCommandTargetKind.SEED_PLACEHOLDER);
    }

    static java.util.Optional<String> withoutPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor() == 0 ? java.util.Optional.empty() : java.util.Optional.of("python3 does not run here");
        } catch (java.io.IOException | InterruptedException e) {
            return java.util.Optional.of("python3 is not installed");
        }
    }

    /** The numbers of ClientContract, as the README and the browser lab must state them. */
    static void requireTheContractsNumbersEverywhere() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        String js;
        try (var in = ReconnectProofTest.class.getClassLoader().getResourceAsStream("wslab-web/reconnect/reconnect-reference.js")) {
            js = new String(java.util.Objects.requireNonNull(in, "the browser lab's reference script").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.Map<String, Long> numbers = java.util.Map.of(
                "HEARTBEAT_INTERVAL_MS", wslab.api.ClientContract.HEARTBEAT_INTERVAL.toMillis(),
                "HEARTBEAT_TIMEOUT_MS", wslab.api.ClientContract.HEARTBEAT_TIMEOUT.toMillis(),
                "BACKOFF_BASE_MS", wslab.api.ClientContract.BACKOFF_BASE.toMillis(),
                "BACKOFF_CAP_MS", wslab.api.ClientContract.BACKOFF_CAP.toMillis(),
                "MAX_ATTEMPTS", (long) wslab.api.ClientContract.MAX_ATTEMPTS,
                "CONNECT_TIMEOUT_MS", wslab.api.ClientContract.CONNECT_TIMEOUT.toMillis(),
                "STABLE_AFTER_MS", wslab.api.ClientContract.STABLE_AFTER.toMillis());
        numbers.forEach((name, value) -> org.assertj.core.api.Assertions.assertThat(js)
                .as("reconnect-reference.js states " + name).contains("const " + name + " = " + value + ";"));
        long beat = numbers.get("HEARTBEAT_INTERVAL_MS");
        long timeout = numbers.get("HEARTBEAT_TIMEOUT_MS");
        org.assertj.core.api.Assertions.assertThat(readme).as("README's contract and lab tables")
                .contains("every " + beat + " ms")
                .contains("nothing at all arrived for " + timeout + " ms")
                .contains("has not completed in " + numbers.get("CONNECT_TIMEOUT_MS") + " ms")
                .contains("min(" + numbers.get("BACKOFF_CAP_MS") + ", " + numbers.get("BACKOFF_BASE_MS") + "·2^(n-1))")
                .contains("when retry " + numbers.get("MAX_ATTEMPTS") + " fails")
                .contains("open at least " + numbers.get("STABLE_AFTER_MS") + " ms")
                .contains("| " + beat + " ms / " + timeout + " ms |")
                .contains("| " + numbers.get("BACKOFF_BASE_MS") + " ms / " + numbers.get("BACKOFF_CAP_MS") + " ms |");

        // The bounds the tolerance table spells out, from the same numbers and the checks' real-clock slack.
        long slack = slackOfTheChecks();
        long base = numbers.get("BACKOFF_BASE_MS");
        long cap = numbers.get("BACKOFF_CAP_MS");
        org.assertj.core.api.Assertions.assertThat(readme).as("README's tolerances (section 8)")
                .contains("upper bounds get " + slack + " ms of slack")
                .contains(cap + " + " + beat + " + 3·" + slack + " = " + (cap + beat + 3 * slack) + " ms")
                .contains(timeout + " + 2·" + beat + " + 2·" + slack + " = " + (timeout + 2 * beat + 2 * slack) + " ms")
                .contains(base + " + " + beat + " + " + slack + " = " + (base + beat + slack) + " ms");
        String back = cap + " + " + beat + " + 3·" + slack + " = " + (cap + beat + 3 * slack) + " ms";
        readme.lines().filter(row -> row.startsWith("| 04.") && row.contains("back within")).forEach(row ->
                org.assertj.core.api.Assertions.assertThat(row).as("a tolerance row's 'back within'").contains("back within " + back));

        // The sizes the README gives for the reference's other forms.
        long program = LessonReadme.codeLines(LessonReadme.repositoryRoot()
                .resolve("reference-server/src/main/java/wslab/reference/reconnect/LineProtocolClient.java"));
        long shared = LessonReadme.codeLines(LessonReadme.repositoryRoot()
                .resolve("reference-server/src/main/java/wslab/reference/program/ClientProgram.java"));
        long script = LessonReadme.codeLines(js);
        requireAbout(readme, "`LineProtocolClient` adds about (\\d+)", program);
        requireAbout(readme, "on `ClientProgram` \\(about (\\d+)", shared);
        requireAbout(readme, "`reconnect-reference.js`, is about (\\d+)", script);
        String root = java.nio.file.Files.readString(LessonReadme.repositoryRoot().resolve("README.md"));
        requireAbout(root, "~\\d+ lines Java, ~(\\d+) JS", script);
    }

    /** ReconnectChecks.SLACK_MS: package-private in the checks, read here so the README cannot state another. */
    static long slackOfTheChecks() {
        try {
            java.lang.reflect.Field f = Class.forName("wslab.checks.lesson04.ReconnectChecks").getDeclaredField("SLACK_MS");
            f.setAccessible(true);
            return f.getLong(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("lesson 04's checks have no SLACK_MS to compare the README with", e);
        }
    }

    private static void requireAbout(String text, String pattern, long measured) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(text.replaceAll("\\s+", " "));
        org.assertj.core.api.Assertions.assertThat(m.find()).as("the text states '" + pattern + "'").isTrue();
        long stated = Long.parseLong(m.group(1));
        org.assertj.core.api.Assertions.assertThat(LessonReadme.about(stated, measured))
                .as("'" + m.group() + "' against the " + measured + " lines the code has").isTrue();
    }

    /**
     * Section 2's chart, rerun: 10,000 clients on the contract's schedule lose a server that is back
     * at 1500 ms. An attempt takes no time; before 1500 ms it fails, from then on it succeeds and
     * its client stops. The chart's counts per 250 ms window, its bars (one per 1,000 attempts)
     * and the schedule without jitter must be what the model gives.
     */
    static void requireTheJitterChartFollowsTheSchedule() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        int from = readme.indexOf("```", readme.indexOf("**Why jitter.**"));
        String chart = readme.substring(from + 3, readme.indexOf("```", from + 3));
        java.util.regex.Pattern window = java.util.regex.Pattern.compile("(\\d+) ms │(█*)(?: ([\\d,]+))?");
        java.util.Map<Long, Long> fixed = attemptsPerWindow(10_000, false, 1);
        // The chart gives averages: 40 times the clients, scaled down, keep the model's noise below its rounding.
        java.util.Map<Long, Long> jittered = attemptsPerWindow(400_000, true, 1);
        int windows = 0;
        for (String line : chart.lines().toList()) {
            java.util.regex.Matcher m = window.matcher(line);
            java.util.List<long[]> sides = new java.util.ArrayList<>();
            while (m.find()) {
                long count = m.group(3) == null ? 0 : Long.parseLong(m.group(3).replace(",", ""));
                sides.add(new long[] {Long.parseLong(m.group(1)), count, m.group(2).length()});
            }
            if (sides.size() != 2) {
                continue;
            }
            windows++;
            long[] none = sides.get(0);
            long[] full = sides.get(1);
            org.assertj.core.api.Assertions.assertThat(none[1]).as("no jitter, the window at " + none[0] + " ms")
                    .isEqualTo(fixed.getOrDefault(none[0], 0L));
            long model = jittered.getOrDefault(full[0], 0L) / 40;
            org.assertj.core.api.Assertions.assertThat(Math.abs(full[1] - model))
                    .as("full jitter, the window at " + full[0] + " ms: the chart says " + full[1] + ", the model " + model)
                    .isLessThanOrEqualTo(Math.max(100, model * 2 / 100));
            org.assertj.core.api.Assertions.assertThat(full[2]).as("the bar at " + full[0] + " ms")
                    .isEqualTo(Math.round(full[1] / 1000.0));
        }
        org.assertj.core.api.Assertions.assertThat(windows).as("windows in the chart").isGreaterThanOrEqualTo(8);
        java.util.regex.Matcher end = java.util.regex.Pattern.compile("down to 0 by (\\d+)").matcher(chart);
        org.assertj.core.api.Assertions.assertThat(end.find()).as("the chart says when the attempts end").isTrue();
        long last = jittered.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        org.assertj.core.api.Assertions.assertThat(last + 250).as("the end of the last window with an attempt")
                .isEqualTo(Long.parseLong(end.group(1)));
    }

    private static java.util.Map<Long, Long> attemptsPerWindow(int clients, boolean jitter, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        java.util.Map<Long, Long> counts = new java.util.TreeMap<>();
        for (int c = 0; c < clients; c++) {
            double t = 0;
            for (int retry = 1; retry <= wslab.api.ClientContract.MAX_ATTEMPTS; retry++) {
                long ceiling = wslab.api.ClientContract.backoffCeiling(retry).toMillis();
                t += jitter ? random.nextDouble() * ceiling : ceiling;
                counts.merge((long) (t / 250) * 250, 1L, Long::sum);
                if (t >= 1500) {
                    break;
                }
            }
        }
        return counts;
    }

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("04").seed(4).realJobs(18);
        return proof
                .reference()
                .starterFails("04.1", "04.2", "04.3", "04.5", "04.13")
                .mutantClient("QUEUE_BEFORE_SUBSCRIPTIONS", ReconnectMutants.QueueBeforeSubscriptions::new, "04.1")
                .mutantClient("SLOW_HEARTBEAT", ReconnectMutants.SlowHeartbeat::new, "04.2")
                .mutantClient("HEARTBEAT_NEVER_TIMES_OUT", ReconnectMutants.HeartbeatNeverTimesOut::new, "04.3")
                .mutantClient("TIMEOUT_SHORTER_THAN_A_ROUND_TRIP", ReconnectMutants.TimeoutShorterThanARoundTrip::new, "04.4")
                .mutantClient("NO_CAP", ReconnectMutants.NoCap::new, "04.5")
                .mutantClient("NO_JITTER", ReconnectMutants.NoJitter::new, "04.6")
                .mutantClient("NEVER_GIVES_UP", ReconnectMutants.NeverGivesUp::new, "04.7")
                .mutantClient("NO_CONNECT_TIMEOUT", ReconnectMutants.NoConnectTimeout::new, "04.8")
                .mutantClient("BACKOFF_NEVER_RESETS", ReconnectMutants.BackoffNeverResets::new, "04.9")
                .mutantClient("RESETS_ON_OPEN", ReconnectMutants.ResetsOnOpen::new, "04.10")
                .mutantClient("DOUBLE_LOOP", ReconnectMutants.DoubleLoop::new, "04.11")
                .mutantClient("SUBSCRIPTIONS_NOT_RESTORED", ReconnectMutants.SubscriptionsNotRestored::new, "04.12")
                .mutantClient("OFFLINE_SENDS_DROPPED", ReconnectMutants.OfflineSendsDropped::new, "04.13")
                .mutantClient("CLOSE_CODE_LOST", ReconnectMutants.CloseCodeLost::new, "04.14")
                .mutantClient("CLOSE_KEEPS_RECONNECTING", ReconnectMutants.CloseKeepsReconnecting::new, "04.15")
                .mutantClient("CLOSE_LEAVES_THE_RETRY_TIMER", ReconnectMutants.CloseLeavesTheRetryTimer::new, "04.16")
                .mutantClient("RESETS_ON_A_TIMER", ReconnectMutants.ResetsOnATimer::new, "04.17")
                .mutantClient("RECONNECTS_ONLY_WHEN_UNCLEAN", ReconnectMutants.ReconnectsOnlyWhenUnclean::new, "04.18")
                // Mistakes the real clock's slack hides: on virtual time each is caught on every seed.
                .mutantsOnSeeds(20)
                .mutantClient("EQUAL_JITTER", ReconnectMutants.EqualJitter::new, "04.6")
                .mutantClient("LOWER_HALF_JITTER", ReconnectMutants.LowerHalfJitter::new, "04.6")
                .mutantClient("FIXED_FRACTION", ReconnectMutants.FixedFraction::new, "04.6")
                .mutantClient("FIRST_RETRY_ABOVE_ITS_CEILING", ReconnectMutants.FirstRetryAboveItsCeiling::new, "04.5")
                .mutantClient("RETRIES_ONCE_MORE_AFTER_CLOSE", ReconnectMutants.RetriesOnceMoreAfterClose::new, "04.16")
                .mutantsOnSeeds(1)
                .also("the README and the browser lab state the contract's numbers", ReconnectProofTest::requireTheContractsNumbersEverywhere)
                .also("the README's jitter chart is what the schedule gives", ReconnectProofTest::requireTheJitterChartFollowsTheSchedule)
                .also("the README's tolerance table names every check", () -> {
                    LessonReadme.of(proof.lesson()).requireEveryCheckIn("| Check | Fault and its parameters |");
                })
                // Any language: the stdin/stdout protocol, every verb of it.
                .passes("the reference run as a program", referenceAsAProgram(), "04.1", "04.13", "04.14", "04.15")
                .also("a client program that exits during a check is reported with its exit status and last stderr line, at once",
                        () -> {
                            Target exits = wslab.grader.targets.ClientCommandTargetKind.of(
                                    "sh -c 'echo cannot read config.toml >&2; exit 4' {url}");
                            Scorecard card = proof.gradeOn(exits, "04.1");
                            assertThat(card.failures()).hasSize(1);
                            assertThat(card.failures().get(0).actual()).contains("exited with status 4")
                                    .contains("cannot read config.toml").doesNotContain("never arrived");
                        })
                // JSON is compared as values: another language's spacing and key order pass.
                .onlyWhen(ReconnectProofTest::withoutPython)
                .passes("a Python client writing JSON with spaces and another key order", pythonClient(), "04.1", "04.2")
                // The browser lab in Chromium, on the real clock.
                .onlyWhen(wslab.browser.HeadlessChromium::unavailableReason)
                // A tab per check: nine at once, two waves, so Chromium does not starve the clocks of the rest.
                .realJobs(9)
                .passesEverything("browser-reference", proof.named("browser-reference"))
                .fails("browser-starter", proof.named("browser-starter"), "04.1", "04.2", "04.3", "04.5", "04.13")
                .mutantsStillPass("04.1")
                .mutant("browser NO_JITTER", browserMutant("mutant-no-jitter"), false, "04.6")
                .mutant("browser DOUBLE_LOOP", browserMutant("mutant-double-loop"), false, "04.11")
                .mutant("browser OFFLINE_SENDS_DROPPED", browserMutant("mutant-offline-sends-dropped"), false, "04.13")
                .mutant("browser NO_CONNECT_TIMEOUT", browserMutant("mutant-no-connect-timeout"), false, "04.8")
                .mutant("browser HEARTBEAT_NEVER_TIMES_OUT", browserMutant("mutant-heartbeat-never-times-out"), false, "04.3");
    }
}
