package wslab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a check that needs the real network and clock whatever it grades: a browser that
 * connects over the real loopback. A grade on virtual time leaves it out (and says so); the
 * real-time grade runs it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RealTimeOnly {

    /** Why, for the grade's notice: "Chromium connects over the real loopback". */
    String value();
}
