package wslab.api;

/**
 * The lesson and the short name a registration lists its implementation under: what a server's
 * {@link LabImplementation} and a client's {@link LabClientImplementation} both answer.
 */
abstract class Listing {

    private final String lesson;
    private final String name;

    Listing(String lesson, String name) {
        this.lesson = lesson;
        this.name = name;
    }

    public final String lesson() {
        return lesson;
    }

    public final String name() {
        return name;
    }
}
