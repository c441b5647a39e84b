package wslab.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.GradeReports;
import wslab.grader.Grader;

@Command(name = "lessons", mixinStandardHelpOptions = true, description = "List the lessons with their last grade.")
final class LessonsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        GradeReports reports = new GradeReports(Main.home().resolve("target/wslab"));
        for (Lesson lesson : LessonCatalog.load().lessons()) {
            Main.OUT.printf("%s  %s%n", lesson.folder(), lesson.title());
            String graded = lesson.grades() == Lesson.Kind.CLIENT ? "grades a client (the suite plays the server)"
                    : "endpoint " + String.join(" ", lesson.paths());
            Main.OUT.printf("    %s, %d checks, pass mark %d%%, README lessons/%s/README.md%n",
                    graded, Grader.checksOf(lesson).size(), lesson.passMark(), lesson.folder());
            Main.OUT.println("    last grade: " + reports.lastGrade(lesson.id()).orElse("never graded"));
        }
        return 0;
    }
}
