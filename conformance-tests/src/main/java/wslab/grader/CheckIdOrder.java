package wslab.grader;

import java.util.Comparator;

import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/** Runs checks in id order (01.2 before 01.10), so progress reads like the lesson's list. */
public final class CheckIdOrder implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparing(CheckIdOrder::idOf, CheckResult::compareIds));
    }

    private static String idOf(MethodDescriptor m) {
        return m.findAnnotation(Check.class).map(Check::id)
                .or(() -> m.findAnnotation(CheckCases.class).map(CheckCases::value))
                .orElse(m.getMethod().getName());
    }
}
