package wslab.scratch;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.ConsoleScorecard;
import wslab.grader.GradeOptions;
import wslab.grader.Grader;
import wslab.grader.Scorecard;
import wslab.grader.GradeReports;
import wslab.grader.targets.ImplTargetKind;

class ScratchTest {
    @Test
    void lesson04OnVirtualTime() throws Exception {
        LessonCatalog catalog = LessonCatalog.load();
        Lesson lesson = catalog.lesson(System.getProperty("lesson", "04")).orElseThrow();
        GradeOptions o = GradeOptions.defaults().withSeed(4).withVirtualTime(Boolean.parseBoolean(System.getProperty("virtual", "true")))
                .withReportDir(Path.of("target", "scratch")).withStrict(true);
        String only = System.getProperty("only", "");
        if (!only.isEmpty()) o = o.withOnly(java.util.List.of(only.split(",")));
        long t0 = System.nanoTime();
        Scorecard card = Grader.grade(lesson, new ImplTargetKind().parse(System.getProperty("impl", "reference"), lesson, catalog), o,
                new ConsoleScorecard(System.out));
        new GradeReports(o.reportDir()).write(card);
        new ConsoleScorecard(System.out).summary(card, Path.of("x"), Path.of("y"));
        System.out.println("wall ms " + (System.nanoTime() - t0) / 1_000_000);
    }
}
