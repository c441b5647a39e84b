package wslab.reference.frames;

import static wslab.reference.frames.WebSocketProtocol.CLOSE_PROTOCOL_ERROR;

import java.io.InputStream;

/**
 * Reads server frames for the echo client. Every rule of {@link FrameReader} holds on both sides
 * of a connection but one: a server never masks (RFC 6455 §5.1), so the mask bit is refused here
 * where the server's reader requires it.
 */
public class ServerFrameReader extends FrameReader {

    public ServerFrameReader(InputStream in) {
        this(in, EchoSession.MAX_MESSAGE_BYTES);
    }

    /** @param maxPayload the largest frame accepted; a larger one fails the connection with 1009 */
    protected ServerFrameReader(InputStream in, long maxPayload) {
        super(in, maxPayload);
    }

    /** §5.1: a client MUST close a connection if it detects a masked frame. */
    @Override
    protected void checkMasked(boolean masked) throws ProtocolException {
        if (masked) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "server frames must not be masked");
        }
    }
}
