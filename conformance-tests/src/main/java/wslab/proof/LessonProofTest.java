package wslab.proof;

import java.util.stream.Stream;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one proof runner: a lesson's test extends it and declares its {@link LessonProof}. Each
 * proof case is a test of its own, and they run at once (each grade has its own worlds, links
 * and ports), with the parallelism the lessons' build configures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
public abstract class LessonProofTest {

    /** The lesson's proof, declared once. */
    protected abstract LessonProof proof();

    Stream<LessonProof.ProofCase> cases() {
        return proof().cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void holds(LessonProof.ProofCase proofCase) throws Exception {
        proofCase.body().run();
    }
}
