package wslab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/** Marks a class holding a lesson's checks and wires in {@link CheckExtension}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CheckExtension.class)
public @interface LessonChecks {

    /** The lesson id, {@code "01"}. */
    String value();
}
