package wslab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedTest;

/**
 * A test body shared by a family of {@link Case}s, supplied with {@code @MethodSource}. Each
 * invocation is named by its case id, which is how the grader and {@link CheckExtension} find
 * the case's metadata.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
public @interface CheckCases {

    /** Where the family sorts among the checks: its first id, {@code rfc6455/5.2/1}. */
    String value();
}
