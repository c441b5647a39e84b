package wslab.grader;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

import wslab.wire.AcceptKeys;
import wslab.wire.Opcode;

/**
 * A WebSocket server on a bare TCP socket that gets the opening handshake right and
 * then answers with bytes no report format can carry raw: each ping gets a pong, each data frame
 * an echo and a close a close, all carrying {@link #GARBAGE} instead of what was sent.
 */
final class GarbageServer implements LabServer {

    /** Every C0 control, DEL and the C1 range, 0xFF, and byte runs that are not UTF-8 or decode to a noncharacter. */
    static final byte[] GARBAGE = garbage();

    private final LabEnvironment env;
    private TcpListener listener;

    GarbageServer(LabEnvironment env) {
        this.env = env;
    }

    @Override
    public int start(int port) throws IOException {
        listener = env.listen(port);
        env.startThread("garbage-server", this::acceptLoop);
        return listener.port();
    }

    private static byte[] garbage() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0x00; i <= 0x1F; i++) {
            b.write(i);
        }
        for (int i = 0x7F; i <= 0x9F; i++) {
            b.write(i);
        }
        b.write(0xFF);
        // A lead byte without its continuation, an encoded surrogate, U+FFFE, and a code point above U+10FFFF.
        b.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80,
            (byte) 0xEF, (byte) 0xBF, (byte) 0xBE, (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        return b.toByteArray();
    }

    private void acceptLoop() {
        while (true) {
            try {
                TcpConnection s = listener.accept();
                env.startThread("garbage-connection", () -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(TcpConnection socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.input());
            OutputStream out = socket.output();
            String key = readKey(in);
            if (key == null) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + AcceptKeys.acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                if ((b1 & 0x80) != 0) {
                    in.skipNBytes(4);
                }
                in.skipNBytes(len);
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                if (opcode == Opcode.PING) {
                    writeFrame(out, true, Opcode.PONG, GARBAGE);
                } else if (opcode == Opcode.CLOSE) {
                    ByteArrayOutputStream p = new ByteArrayOutputStream();
                    p.write(0x03);
                    p.write(0xE8);
                    p.writeBytes(GARBAGE);
                    writeFrame(out, true, Opcode.CLOSE, p.toByteArray());
                    return;
                } else if (opcode != Opcode.PONG) {
                    writeFrame(out, fin, opcode, GARBAGE);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // The suite sends broken frames on purpose; a connection that goes wrong just ends.
        }
    }

    /** The Sec-WebSocket-Key of the request head, or null if there is none. */
    private static String readKey(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lineEnds = 0;
        while (lineEnds < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 16 * 1024) {
                return null;
            }
            head.write(b);
            lineEnds = b == (lineEnds % 2 == 0 ? '\r' : '\n') ? lineEnds + 1 : b == '\r' ? 1 : 0;
        }
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** An unmasked frame with a 7-bit length, in one write. */
    private static void writeFrame(OutputStream out, boolean fin, int opcode, byte[] payload) throws IOException {
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }
}
