package wslab.lessons.frames;

/** RFC 6455 §7.4.1 status codes, by their RFC names. */
public final class CloseCode {

    public static final int NORMAL_CLOSURE = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Invalid frame payload data: a text message that is not UTF-8. */
    public static final int INVALID_FRAME_PAYLOAD_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCode() {
    }

    /**
     * Whether a peer may send {@code code} in a close frame.
     *
     * <p>TODO(rfc6455/7.4): 1004, 1005, 1006 and 1015 are never sent; 0-999 and 1016-2999 are
     * not codes at all; 3000-4999 are for libraries and applications.
     */
    public static boolean isValid(int code) {
        return true;
    }
}
