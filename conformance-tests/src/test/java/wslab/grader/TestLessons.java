package wslab.grader;

import java.util.List;

import wslab.api.Lesson;

/** Lessons for the grader's own tests, built by hand: the lessons' modules depend on this one, not the other way. */
final class TestLessons {

    private TestLessons() {
    }

    /** Lesson 02's checks: the RFC 6455 suite. */
    static Lesson rfc6455() {
        return new Lesson("02", "frames", "Frames", List.of("/frames"), 100,
                List.of("wslab.checks.rfc6455.FramingCases", "wslab.checks.rfc6455.ControlFrameCases",
                        "wslab.checks.rfc6455.FragmentationCases", "wslab.checks.rfc6455.Utf8Cases",
                        "wslab.checks.rfc6455.CloseCases", "wslab.checks.rfc6455.LimitsCases"),
                List.of("rfc6455"), Lesson.Kind.SERVER);
    }
}
