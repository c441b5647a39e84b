package wslab.api;

/**
 * A client's WebSocket connection, with the events a browser's WebSocket has. Messages are sent
 * in order; pings from the server are answered for you; the opening handshake has no deadline of
 * its own (as in a browser): a client that needs one sets a timer and calls {@link #abort()}.
 */
public interface ClientWebSocket {

    /** How long {@link #close(int, String)} waits for the server's answering Close before it drops the connection. */
    java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(1);

    /** Sends one text message. Sends before the open, or after the end, are dropped. */
    void sendText(String text);

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2): a Close frame with {@code code} and
     * {@code reason}. {@link Listener#onClose} follows with the code the server answers with, or
     * with 1006 if it does not answer within {@link #CLOSE_TIMEOUT}.
     *
     * @throws IllegalArgumentException for a code no endpoint may send (only 1000–1003, 1007–1014 and
     *         3000–4999 may be sent; RFC 6455 §7.4), or a reason over 123 bytes of UTF-8 (§5.5)
     */
    void close(int code, String reason);

    /**
     * Drops the TCP connection at once, or abandons the opening handshake; no callback follows.
     */
    void abort();

    /**
     * What happens to the connection, delivered on the loop given to
     * {@link LabEnvironment#openWebSocket}. The end comes once, as {@link #onClose}; a connection
     * that fails (the handshake is refused or cut, or the TCP connection ends without a Close frame)
     * gets {@link #onError} first and then {@code onClose(1006, "")}, as the WHATWG WebSocket
     * standard orders the error and close events. After {@link #abort()} nothing more is reported.
     */
    interface Listener {

        default void onOpen(ClientWebSocket socket) {
        }

        /** A whole text message (fragments are joined). */
        default void onText(ClientWebSocket socket, String text) {
        }

        /** A whole binary message. */
        default void onBinary(ClientWebSocket socket, byte[] data) {
        }

        /** The server pinged; the pong has already been sent. */
        default void onPing(ClientWebSocket socket) {
        }

        default void onError(ClientWebSocket socket, Throwable error) {
        }

        /**
         * The connection is over: {@code code} and {@code reason} of the server's Close frame, 1005
         * if it had no code, or 1006 and "" if it ended without one (RFC 6455 §7.1.5, §7.4.1).
         */
        default void onClose(ClientWebSocket socket, int code, String reason) {
        }
    }
}
