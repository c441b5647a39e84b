package wslab.lessons.framesclient;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;

import wslab.api.ClientEvents;
import wslab.api.ClientRegistration;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.TcpConnection;

/**
 * Lesson 02c starter: a WebSocket echo client on a plain TCP connection. The opening handshake
 * ({@link Handshake}) and masking ({@link ClientFrames#write}) are given; it echoes small single
 * frames and nothing more. Work through the TODOs, then run {@code ./wslab grade 02c}; each TODO
 * names the cases (rfc6455-client/SECTION/...) it makes pass. Run one family with
 * {@code ./wslab grade 02c --only rfc6455-client/5.5}.
 */
public class EchoClient implements LabClient {

    private final LabEnvironment env;
    private volatile TcpConnection connection;

    public EchoClient(LabEnvironment env) {
        this.env = env;
    }

    @Override
    public void start(URI url, ClientEvents events) {
        env.startThread("echo-client", () -> run(url, events));
    }

    private void run(URI url, ClientEvents events) {
        try (TcpConnection c = env.connect(url.getHost(), url.getPort(), Duration.ofSeconds(5))) {
            connection = c;
            InputStream in = new BufferedInputStream(c.input());
            OutputStream out = c.output();
            Handshake.open(in, out, url, env.random());
            echo(new DataInputStream(in), out);
        } catch (IOException e) {
            // The connection ended or broke.
        }
        // TODO(rfc6455-client/7.1.5): report the code and reason of the server's close frame, 1005 if it
        //  had no code, and 1006 only when no close frame came.
        events.closed(1006, "");
    }

    private void echo(DataInputStream in, OutputStream out) throws IOException {
        while (true) {
            ClientFrames.Frame frame = ClientFrames.read(in);
            if (frame == null) {
                return;
            }
            // TODO(rfc6455-client/5.1): a server never masks; close the connection on a masked frame.
            // TODO(rfc6455-client/5.2/101-210): fail the connection with 1002 on any RSV bit (no extension was
            //  agreed) or a reserved opcode. To fail: ClientFrames.writeClose(out, code, random), then wait
            //  for the server to close TCP as after any closing handshake.
            // TODO(rfc6455-client/5.5): control frames carry at most 125 bytes and are never fragmented.
            switch (frame.opcode()) {
                case ClientFrames.PING -> {
                    // TODO(rfc6455-client/5.5.2): answer with a PONG carrying the same payload.
                }
                case ClientFrames.PONG -> {
                    // Nothing to do: a pong nobody asked for is allowed (§5.5.3).
                }
                case ClientFrames.CLOSE -> {
                    // TODO(rfc6455-client/5.5.1, 7.4): echo the status code; a 1-byte payload or an invalid code
                    //  is a protocol error (1002); the reason must be UTF-8 (1007).
                    ClientFrames.write(out, ClientFrames.CLOSE, new byte[0], env.random());
                    // TODO(rfc6455-client/7.1.1): the server closes TCP first. Wait for it (a read that
                    //  returns -1), and close it yourself only if it has not after a couple of seconds.
                    return;
                }
                default -> {
                    // TODO(rfc6455-client/5.4): a message may come in fragments: TEXT or BINARY without FIN, then
                    //  CONTINUATION frames until one has FIN. Echo the whole message once. A CONTINUATION with
                    //  no message open, or a new TEXT/BINARY inside one, is 1002. Pings may come in between.
                    // TODO(rfc6455-client/8.1): a TEXT message must be valid UTF-8, checked across fragments
                    //  (java.nio.charset.CharsetDecoder can do it); otherwise fail with 1007.
                    ClientFrames.write(out, frame.opcode(), frame.payload(), env.random());
                }
            }
        }
    }

    /** Echo clients have no topics. */
    @Override
    public void subscribe(String topic) {
    }

    /** The suite never asks an echo client to send on its own. */
    @Override
    public void send(String text) {
    }

    /** The suite never asks an echo client to close; {@link #dispose()} drops the connection. */
    @Override
    public void close() {
    }

    @Override
    public void dispose() {
        TcpConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** Lets {@code ./wslab grade 02c} find this starter. */
    public static final class Starter extends ClientRegistration {
        public Starter() {
            super("02c", "starter", EchoClient::new);
        }
    }
}
