package wslab.grader;

import java.util.List;

/** What the reports say about a check, whether it is a {@link Check} method or one of a family of {@link Case}s. */
public record CheckInfo(String id, String title, String spec, int points, Level level, List<String> faults) {

    public CheckInfo {
        faults = List.copyOf(faults);
    }

    static CheckInfo of(Check c) {
        return new CheckInfo(c.id(), c.title(), c.spec(), c.points(), c.level(), List.of(c.faults()));
    }
}
