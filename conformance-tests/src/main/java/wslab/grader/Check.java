package wslab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;

/**
 * A graded check: a JUnit 5 test with the metadata the scorecard shows. The id is stable
 * across releases so reports can be compared; the title states the requirement, not the test.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
public @interface Check {

    /** {@code 01.3}, or {@code rfc6455/5.5.2/1} for protocol cases. */
    String id();

    /** The requirement, as one sentence: "A request without Host gets 400". */
    String title();

    /** Where the requirement comes from: {@code RFC 6455 §4.2.1 item 2}. */
    String spec();

    int points() default 1;

    Level level() default Level.MUST;

    /** The Toxiproxy toxics this check runs under, for the report: {@code "slicer"}. */
    String[] faults() default {};
}
