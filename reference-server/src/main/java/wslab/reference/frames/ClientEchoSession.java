package wslab.reference.frames;

import static wslab.reference.frames.WebSocketProtocol.OPCODE_TEXT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The echo client's frame layer: {@link EchoSession}'s, with the server's frames read by a
 * {@link ServerFrameReader} and its own written through a {@link MaskingOutputStream}. Messages,
 * fragments, UTF-8, pings and close codes follow the same rules on both sides of a connection,
 * so only the mask and the close the client starts itself are new here.
 */
public class ClientEchoSession extends EchoSession {

    /** The payload of the server's close frame, once one has been received and accepted. */
    private volatile byte[] serverClose;
    private volatile boolean closeSent;

    /** @param out the client's side of the connection; frames are masked on their way through it */
    public ClientEchoSession(InputStream in, MaskingOutputStream out) {
        super(in, out);
    }

    @Override
    protected FrameReader newReader(InputStream in) {
        return new ServerFrameReader(in);
    }

    /**
     * The server's close: answered as the server's session answers one (§5.5.1), unless this
     * client started the closing handshake, when the close it receives is the answer.
     */
    @Override
    protected void answerClose(byte[] payload) throws IOException, ProtocolException {
        if (!closeSent) {
            super.answerClose(payload);
        }
        closeReceived(payload);
    }

    /** Keeps the server's close frame: what the client reports when the connection has ended. */
    protected final void closeReceived(byte[] payload) {
        serverClose = payload;
    }

    /** The server's close frame payload, if the connection ended with a closing handshake. */
    public Optional<byte[]> serverClose() {
        return Optional.ofNullable(serverClose);
    }

    /** Sends one text message; for the application, not the echo. */
    public void sendText(String text) throws IOException {
        writer().write(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the closing handshake (§7.1.2); {@link #run()} returns when the server's close arrives. */
    public void startClose(int code, String reason) throws IOException {
        closeSent = true;
        writer().close(code, reason);
    }
}
