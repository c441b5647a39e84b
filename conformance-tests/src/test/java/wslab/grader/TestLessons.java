package wslab.grader;

import wslab.api.Lesson;

/** Lessons for the grader's own tests, built by hand: the lessons' modules depend on this one, not the other way. */
final class TestLessons {

    private TestLessons() {
    }

    /** Lesson 02's checks: the RFC 6455 suite. */
    static Lesson rfc6455() {
        return wslab.checks.SuiteLessons.rfc6455();
    }
}
