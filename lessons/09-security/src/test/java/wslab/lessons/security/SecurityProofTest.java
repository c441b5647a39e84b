package wslab.lessons.security;

import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;

/** Lesson 09's checks, proven both ways. */
class SecurityProofTest extends LessonProofTest {

    @Override
    protected LessonProof proof() {
        return LessonProof.of("09").seed(9).reference();
    }
}
