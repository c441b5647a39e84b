package wslab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a check that reads what the server under test logged. Only a server the grader starts
 * (in process, or with --server-cmd) shows its log; graded at a URL, such a check is left out
 * (and the grade says so), never failed for what the grader cannot see.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface NeedsServerLog {
}
