package wslab.grader;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import wslab.api.Lesson;

/**
 * One grade in progress: what the checks are graded against. JUnit hands checks only strings,
 * so the grader registers the run under an id that it passes as a configuration parameter.
 */
record GradeRun(String id, Lesson lesson, Target target, GradeOptions options) {

    private static final Map<String, GradeRun> RUNNING = new ConcurrentHashMap<>();
    private static final AtomicLong COUNT = new AtomicLong();

    static GradeRun start(Lesson lesson, Target target, GradeOptions options) {
        GradeRun run = new GradeRun("run-" + COUNT.incrementAndGet(), lesson, target, options);
        RUNNING.put(run.id, run);
        return run;
    }

    static Optional<GradeRun> find(String id) {
        return Optional.ofNullable(RUNNING.get(id));
    }

    void finish() {
        RUNNING.remove(id);
    }
}
