package wslab.sim;

/** RFC 6455 §7.4 status codes, by their names in the IANA registry (§11.7), and which may be sent. */
final class CloseCodes {

    static final int NORMAL_CLOSURE = 1000;
    static final int PROTOCOL_ERROR = 1002;
    /** §7.4.1: never in a close frame; what an endpoint reports when the close frame had no code. */
    static final int NO_STATUS_RCVD = 1005;
    /** §7.4.1: never in a close frame; what an endpoint reports when the connection ended without one. */
    static final int ABNORMAL_CLOSURE = 1006;
    /** §7.4.1: data not consistent with the message's type, such as a text message that is not UTF-8. */
    static final int INVALID_FRAME_PAYLOAD_DATA = 1007;
    static final int MESSAGE_TOO_BIG = 1009;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may stand in a close frame. §7.4.1 defines 1000-1011 but reserves 1004
     * and keeps 1005 and 1006 off the wire (1015 too); IANA has since assigned 1012-1014. §7.4.2:
     * 0-999 are not used, the rest of 1000-2999 waits for assignment, and 3000-4999 belong to
     * libraries and applications.
     */
    static boolean maySend(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
