package wslab.checks;

import java.util.List;

import wslab.api.Lesson;

/**
 * Lessons 01, 02 and 02c as their check classes define them, for tests of the checks' metadata:
 * the lessons' modules depend on this one, not the other way round.
 */
public final class SuiteLessons {

    private SuiteLessons() {
    }

    public static Lesson handshake() {
        return new Lesson("01", "handshake", "The opening handshake", List.of("/handshake"), 100,
                List.of("wslab.checks.lesson01.HandshakeChecks"), List.of(), Lesson.Kind.SERVER);
    }

    public static Lesson rfc6455() {
        return new Lesson("02", "frames", "Frames", List.of("/frames"), 100,
                List.of("wslab.checks.rfc6455.FramingCases", "wslab.checks.rfc6455.ControlFrameCases",
                        "wslab.checks.rfc6455.FragmentationCases", "wslab.checks.rfc6455.Utf8Cases",
                        "wslab.checks.rfc6455.CloseCases", "wslab.checks.rfc6455.LimitsCases",
                        "wslab.checks.rfc6455.FailureCases"),
                List.of("rfc6455"), Lesson.Kind.SERVER);
    }

    /** Lesson 02c, the client side of lesson 02: the suite plays the server. */
    public static Lesson rfc6455Client() {
        return new Lesson("02c", "frames-client", "Frames, client side", List.of(), 100,
                List.of("wslab.checks.rfc6455client.MaskingCases", "wslab.checks.rfc6455client.FramingCases",
                        "wslab.checks.rfc6455client.ControlFrameCases", "wslab.checks.rfc6455client.FragmentationCases",
                        "wslab.checks.rfc6455client.Utf8Cases", "wslab.checks.rfc6455client.CloseCases"),
                List.of("rfc6455-client"), Lesson.Kind.CLIENT);
    }

    public static Lesson byId(String id) {
        return switch (id) {
            case "01" -> handshake();
            case "02", "rfc6455" -> rfc6455();
            case "02c", "rfc6455-client" -> rfc6455Client();
            default -> throw new IllegalArgumentException("no suite lesson " + id);
        };
    }
}
