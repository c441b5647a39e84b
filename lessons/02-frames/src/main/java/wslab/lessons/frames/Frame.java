package wslab.lessons.frames;

/** One frame as read from the client, payload already unmasked (RFC 6455 §5.2). */
public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }
}
