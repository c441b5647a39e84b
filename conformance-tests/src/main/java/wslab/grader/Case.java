package wslab.grader;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One parameterised check: its own id, title and spec, plus the input the shared test body
 * needs. Families of cases (every payload length, every invalid close code) are static lists of
 * these in the checks class, run by a {@link CheckCases} method; creating a case registers it so
 * the grader knows every id before the run starts.
 *
 * @param <T> the input the family's test body takes
 */
public final class Case<T> {

    private static final Map<String, CheckInfo> BY_ID = new ConcurrentHashMap<>();
    private static final Map<Class<?>, List<CheckInfo>> BY_CLASS = new ConcurrentHashMap<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final CheckInfo info;
    private final T input;

    private Case(CheckInfo info, T input) {
        this.info = info;
        this.input = input;
    }

    /** A MUST-level case worth one point, registered under the checks class that creates it. */
    public static <T> Case<T> of(String id, String title, String spec, T input, String... faults) {
        return register(WALKER.getCallerClass(), new CheckInfo(id, title, spec, 1, Level.MUST, List.of(faults)), input);
    }

    private static <T> Case<T> register(Class<?> owner, CheckInfo info, T input) {
        CheckInfo before = BY_ID.putIfAbsent(info.id(), info);
        if (before != null && !before.equals(info)) {
            throw new IllegalStateException("two cases share the id " + info.id());
        }
        if (before == null) {
            BY_CLASS.computeIfAbsent(owner, k -> new CopyOnWriteArrayList<>()).add(info);
        }
        return new Case<>(info, input);
    }

    public CheckInfo info() {
        return info;
    }

    public T input() {
        return input;
    }

    /** The id: JUnit names each invocation with it, and the grader looks the case up by that name. */
    @Override
    public String toString() {
        return info.id();
    }

    static CheckInfo lookup(String id) {
        return BY_ID.get(id);
    }

    static List<CheckInfo> declaredBy(Class<?> owner) {
        return BY_CLASS.getOrDefault(owner, List.of());
    }
}
