package wslab.checks.rfc6455;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

import wslab.grader.Case;

/** The ids of a family's cases, picked by their input, so a mutant names what it breaks rather than numbers. */
final class CaseIds {

    private CaseIds() {
    }

    static <T> List<String> of(List<Case<T>> family) {
        return of(family, input -> true);
    }

    static <T> List<String> of(List<Case<T>> family, Predicate<T> which) {
        return family.stream().filter(c -> which.test(c.input())).map(c -> c.info().id()).toList();
    }

    /** {@code rfc6455/5.4/201} to {@code rfc6455/5.4/207}: the ids {@code from} to {@code to} of one section. */
    static List<String> range(String section, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            ids.add("rfc6455/" + section + "/" + n);
        }
        return ids;
    }

    /** Every id of the lists, once, in order. */
    @SafeVarargs
    static List<String> all(List<String>... lists) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Arrays.stream(lists).forEach(ids::addAll);
        return List.copyOf(ids);
    }
}
