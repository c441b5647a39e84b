package wslab.reference.frames;

/** The peer broke the protocol; the connection fails with {@link #closeCode()} (RFC 6455 §7.1.7). */
public final class ProtocolException extends Exception {

    private final int closeCode;

    public ProtocolException(int closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    int closeCode() {
        return closeCode;
    }
}
