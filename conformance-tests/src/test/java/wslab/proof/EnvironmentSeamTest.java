package wslab.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import wslab.proof.seam.ReadsTheRealClock;
import wslab.proof.seam.RunsAsAProgram;

/** The seam rule catches a solution that keeps its own time, and lets a @RealTime program be. */
class EnvironmentSeamTest {

    @Test
    void aClassThatReadsTheRealClockIsCaughtWithWhatToUseInstead() {
        EvaluationResult result = EnvironmentSeam.check(new ClassFileImporter().importClasses(ReadsTheRealClock.class),
                List.of("wslab.proof.seam"));
        assertThat(result.hasViolation()).isTrue();
        String report = result.getFailureReport().toString();
        assertThat(report).contains("System.nanoTime()").contains("Thread.sleep(long)").contains("Random.<init>()")
                .contains("use env.nanoTime()");
    }

    @Test
    void aRealTimeProgramAndSeededRandomnessPass() {
        EvaluationResult result = EnvironmentSeam.check(new ClassFileImporter().importClasses(RunsAsAProgram.class),
                List.of("wslab.proof.seam"));
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void theReferencesOfTheSuiteLessonsKeepToTheSeam() {
        EvaluationResult result = EnvironmentSeam.check(List.of("wslab.reference.handshake", "wslab.reference.frames"));
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }
}
