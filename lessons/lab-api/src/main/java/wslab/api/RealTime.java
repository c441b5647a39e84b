package wslab.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an implementation (its registration or its class) that runs on the real network and the
 * wall clock whatever environment it is given: a browser, Jetty, a program. The grader never puts
 * it on virtual time.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RealTime {

    /** Why, for the message shown when virtual time is asked for: "Jetty has its own threads and sockets". */
    String value();
}
