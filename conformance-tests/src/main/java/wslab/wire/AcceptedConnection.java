package wslab.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import wslab.api.TcpConnection;

/**
 * The suite's end of a TCP connection that a client under test opened to it (the suite plays the
 * server): it writes whatever frames a case asks for, masked or with reserved bits if the case
 * breaks the rules on purpose, and reads the client's frames with their masking keys.
 * Everything goes into the check's transcript. {@link RawConnection} is the suite's end when the
 * suite is the client.
 */
public final class AcceptedConnection implements AutoCloseable {

    /** A frame from the client and the masking key it carried (empty when it was unmasked). */
    /** A frame as the client sent it: with its masking key, and how many bits its length took (7, 16 or 64). */
    public record ClientFrame(Frame frame, byte[] maskKey, int lengthBits) {

        /** Whether the length took the fewest bits that hold it, as RFC 6455 §5.2 Payload length says it MUST. */
        public boolean minimalLength() {
            return lengthBits == Frame.minimalLengthBits(frame.payload().length);
        }
    }

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Larger than anything an echo of the suite's messages needs. */
    private static final long MAX_FRAME_BYTES = 32L * 1024 * 1024;

    private final TcpConnection socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Transcript transcript;
    private final Random random;

    public AcceptedConnection(TcpConnection socket, Transcript transcript, Random random) {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.input()));
        this.out = socket.output();
        this.transcript = transcript;
        this.random = random;
        socket.writeTimeout(Duration.ofSeconds(5));
    }

    /** The client's request head, or empty if it closed or sent nothing complete. */
    public Optional<String> readRequestHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD_BYTES) {
                transcript.note("the client closed the connection before its request head was complete");
                return Optional.empty();
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        transcript.received(Transcript.showHead(head.toByteArray()));
        return Optional.of(head.toString(StandardCharsets.ISO_8859_1));
    }

    public void sendHead(String head) throws IOException {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        transcript.sent(Transcript.showHead(bytes));
        write(bytes);
    }

    /**
     * Sends {@code frame} with the shortest length encoding; masked with a fresh key only if
     * {@code frame.masked()}, which a server must never do (§5.1) and the masking cases do on purpose.
     */
    public void send(Frame frame) throws IOException {
        transcript.sent(frame.describe());
        write(encode(frame));
    }

    /** Sends several frames in one write, so they arrive together as a fast server's would. */
    public void sendAll(Frame... frames) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Frame f : frames) {
            transcript.sent(f.describe());
            all.writeBytes(encode(f));
        }
        write(all.toByteArray());
    }

    private byte[] encode(Frame frame) {
        byte[] payload = frame.payload().clone();
        int len = payload.length;
        ByteArrayOutputStream wire = new ByteArrayOutputStream(len + 14);
        wire.write((frame.fin() ? 0x80 : 0) | (frame.rsv() << 4) | frame.opcode());
        int maskBit = frame.masked() ? 0x80 : 0;
        if (len < 126) {
            wire.write(maskBit | len);
        } else if (len <= 0xFFFF) {
            wire.write(maskBit | 126);
            wire.write(len >>> 8);
            wire.write(len);
        } else {
            wire.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                wire.write((int) ((long) len >>> shift));
            }
        }
        if (frame.masked()) {
            byte[] key = new byte[4];
            random.nextBytes(key);
            wire.writeBytes(key);
            for (int i = 0; i < len; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        wire.writeBytes(payload);
        return wire.toByteArray();
    }

    private void write(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
            out.flush();
        } catch (SocketTimeoutException e) {
            transcript.note("the client stopped reading: " + e.getMessage());
            throw e;
        }
    }

    /**
     * The client's next frame, or empty if it closed the TCP connection first.
     *
     * @throws SocketTimeoutException nothing within the read timeout
     * @throws java.net.SocketException the connection was reset
     */
    public Optional<ClientFrame> read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            transcript.note("the client closed the TCP connection");
            return Optional.empty();
        }
        try {
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7F;
            int lengthBits = 7;
            if (len == 126) {
                len = in.readUnsignedShort();
                lengthBits = 16;
            } else if (len == 127) {
                len = in.readLong();
                lengthBits = 64;
            }
            if (len < 0 || len > MAX_FRAME_BYTES) {
                throw new IOException("the client sent a frame length of " + Long.toUnsignedString(len));
            }
            boolean masked = (b1 & 0x80) != 0;
            byte[] key = new byte[masked ? 4 : 0];
            in.readFully(key);
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            for (int i = 0; i < payload.length && masked; i++) {
                payload[i] ^= key[i & 3];
            }
            Frame frame = new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, masked, payload);
            transcript.received(frame.describe() + (masked ? " key " + java.util.HexFormat.of().formatHex(key) : ""));
            return Optional.of(new ClientFrame(frame, key, lengthBits));
        } catch (EOFException e) {
            transcript.note("the client closed the TCP connection in the middle of a frame");
            throw e;
        }
    }

    /** How long a read may wait. */
    public void timeout(long millis) throws IOException {
        socket.readTimeout(Duration.ofMillis(Math.max(1, millis)));
    }

    public long timeout() {
        return socket.readTimeout().toMillis();
    }

    @Override
    public void close() {
        socket.close();
    }
}
