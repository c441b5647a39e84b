package wslab.sim;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import wslab.api.LabEnvironment;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

/**
 * A server on the simulation for one client connection: it answers the opening handshake, then
 * a test's script sends raw frames and reads the client's, while the server notes what it saw.
 */
final class ScriptedServer {

    /** A frame from the client, unmasked. */
    record ClientFrame(boolean fin, int opcode, boolean masked, byte[] payload) {
        int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String reason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    interface Script {
        void run(ScriptedServer server) throws IOException;
    }

    private final LabEnvironment env;
    private final TcpConnection connection;
    private final DataInputStream in;
    /** What the server saw, in order: the test's evidence. */
    private final List<String> log;

    private ScriptedServer(LabEnvironment env, TcpConnection connection, List<String> log) {
        this.env = env;
        this.connection = connection;
        this.in = new DataInputStream(connection.input());
        this.log = log;
    }

    /**
     * Listens, and runs {@code script} on the first connection once its handshake is answered,
     * noting in {@code log} what the client sent; returns the URL to connect to.
     */
    static URI start(LabEnvironment env, List<String> log, Script script) throws IOException {
        TcpListener listener = env.listen(0);
        env.startThread("scripted server", () -> {
            try (TcpConnection c = listener.accept()) {
                ScriptedServer server = new ScriptedServer(env, c, log);
                server.answerHandshake();
                script.run(server);
            } catch (IOException e) {
                log.add("server: " + e.getMessage());
            }
        });
        return URI.create("ws://127.0.0.1:" + listener.port() + "/feed");
    }

    private void answerHandshake() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        String key = head.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
        send(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + OpeningHandshake.acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[]... frames) throws IOException {
        connection.output().write(ServerFrames.concat(frames));
    }

    /** The client's next frame. */
    ClientFrame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        len = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
        byte[] key = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
        byte[] payload = in.readNBytes((int) len);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[i & 3];
        }
        ClientFrame f = new ClientFrame((b0 & 0x80) != 0, b0 & 0x0F, (b1 & 0x80) != 0, payload);
        log.add(describe(f));
        return f;
    }

    /** The client's frames up to its close frame, which is returned. */
    ClientFrame readUntilClose() throws IOException {
        ClientFrame f = read();
        while (f.opcode() != Rfc6455.CLOSE) {
            f = read();
        }
        return f;
    }

    private static String describe(ClientFrame f) {
        String body = switch (f.opcode()) {
            case Rfc6455.CLOSE -> "close" + (f.closeCode() < 0 ? "" : " " + f.closeCode());
            case Rfc6455.PONG -> "pong " + new String(f.payload(), StandardCharsets.ISO_8859_1);
            case Rfc6455.TEXT -> "text " + new String(f.payload(), StandardCharsets.UTF_8);
            default -> "opcode " + f.opcode() + " of " + f.payload().length + " bytes";
        };
        return f.masked() ? body : body + " (unmasked)";
    }

    /**
     * Waits up to {@code millis} of virtual time for the client to end TCP, reading frames on the
     * way; notes "tcp closed by the client after N ms" or "tcp still open after N ms".
     */
    void awaitClientTcpClose(long millis) throws IOException {
        long start = env.nanoTime();
        connection.readTimeout(Duration.ofMillis(millis));
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            log.add("tcp closed by the client after " + (env.nanoTime() - start) / 1_000_000 + " ms");
        } catch (SocketTimeoutException e) {
            log.add("tcp still open after " + (env.nanoTime() - start) / 1_000_000 + " ms");
        }
    }
}
