package wslab.reference.security;

/** What a client may send (lesson 09 contract). */
public sealed interface ClientMessage {

    /** {@code {"type":"auth","token":"..."}} */
    record Auth(String token) implements ClientMessage {
    }

    /** {@code {"type":"post","room":"lobby","text":"..."}} */
    record Post(String room, String text) implements ClientMessage {
    }
}
