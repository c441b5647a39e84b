package wslab.lessons.frames;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lesson 02 starter: one WebSocket connection after the handshake. It echoes small single
 * frames and nothing more. Work through the TODOs, then run {@code ./wslab grade 02}; each TODO
 * names the cases (rfc6455/SECTION/...) it makes pass. Run one family with
 * {@code ./wslab grade 02 --only rfc6455/5.5}.
 */
public final class Connection {

    private final DataInputStream in;
    private final OutputStream out;

    public Connection(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = out;
    }

    public void run() throws IOException {
        while (true) {
            Frame frame = FrameCodec.read(in);
            if (frame == null) {
                return;
            }
            // TODO(rfc6455/5.1, 5.2/101-228): fail the connection with CloseCode.PROTOCOL_ERROR on an
            //  unmasked frame, any RSV bit (no extension was agreed) or a reserved opcode. To fail:
            //  FrameCodec.writeClose(out, code), then return (the socket closes).
            // TODO(rfc6455/5.5): control frames carry at most 125 bytes and are never fragmented.
            switch (frame.opcode()) {
                case Frame.PING -> {
                    // TODO(rfc6455/5.5.2): answer with a PONG carrying the same payload.
                }
                case Frame.PONG -> {
                    // Nothing to do: an unsolicited pong is allowed (§5.5.3).
                }
                case Frame.CLOSE -> {
                    // TODO(rfc6455/5.5.1, 7.4): echo the status code; a 1-byte payload or an invalid
                    //  code (CloseCode.isValid) is a protocol error; the reason must be UTF-8 (1007).
                    FrameCodec.write(out, Frame.CLOSE, new byte[0]);
                    return;
                }
                default -> {
                    // TODO(rfc6455/5.4): a message may come in fragments: TEXT or BINARY without FIN,
                    //  then CONTINUATION frames until one has FIN. Echo the whole message once. A
                    //  CONTINUATION with no message open, or a new TEXT/BINARY inside one, is 1002.
                    // TODO(rfc6455/8.1): a TEXT message must be valid UTF-8, checked as fragments
                    //  arrive (java.nio.charset.CharsetDecoder can do it); otherwise fail with 1007.
                    FrameCodec.write(out, frame.opcode(), frame.payload());
                }
            }
        }
    }
}
