package wslab.api;

/** What a {@link LabClient} tells its application. */
@FunctionalInterface
public interface ClientEvents {

    /** Reports nothing. */
    ClientEvents NONE = (code, reason) -> { };

    /**
     * A connection ended. {@code code} and {@code reason} are those of the close frame the
     * server sent, or 1006 and "" when the connection ended without one (RFC 6455 §7.1.5).
     */
    void closed(int code, String reason);

    /** The client made its last attempt and stopped: the application should say so and offer a retry. */
    default void gaveUp() {
    }
}
