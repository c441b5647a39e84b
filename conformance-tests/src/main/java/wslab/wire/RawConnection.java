package wslab.wire;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import wslab.api.LabEnvironment;
import wslab.api.TcpConnection;

/**
 * A TCP connection the suite drives byte by byte: it writes whatever a check asks for, correct
 * or not, and logs everything to the check's {@link Transcript}. It runs on whatever connection
 * the check's environment gives it: a real socket, or one on a simulated network.
 */
public final class RawConnection implements AutoCloseable {

    /** A server that stops reading while the suite sends a large frame must not block the grade for ever. */
    private static final int MIN_WRITE_MILLIS = 5000;

    private final TcpConnection socket;
    private final InputStream in;
    private final OutputStream out;
    private final Transcript transcript;
    private final Random random;
    /** How the last frame read gave its length: in 7, 16 or 64 bits (§5.2). */
    private int lastLengthBits = 7;
    private boolean logFrames = true;

    private RawConnection(TcpConnection socket, Transcript transcript, Random random, int timeoutMillis) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.input());
        this.out = socket.output();
        this.transcript = transcript;
        this.random = random;
        socket.writeTimeout(Duration.ofMillis(Math.max(MIN_WRITE_MILLIS, timeoutMillis)));
    }

    public static RawConnection open(LabEnvironment env, String host, int port, int timeoutMillis, Transcript transcript,
                                     Random random) throws IOException {
        TcpConnection socket;
        try {
            socket = env.connect(host, port, Duration.ofMillis(timeoutMillis));
        } catch (IOException e) {
            transcript.note("could not connect to " + host + ":" + port + ": " + e.getMessage());
            throw e;
        }
        socket.readTimeout(Duration.ofMillis(timeoutMillis));
        transcript.note("connected to " + host + ":" + port);
        return new RawConnection(socket, transcript, random, timeoutMillis);
    }

    /**
     * A connection the check opened and set up itself, such as TLS to a {@code wss://} target;
     * reads wait {@code timeoutMillis}.
     */
    public static RawConnection over(TcpConnection socket, int timeoutMillis, Transcript transcript, Random random)
            throws IOException {
        socket.readTimeout(Duration.ofMillis(timeoutMillis));
        return new RawConnection(socket, transcript, random, timeoutMillis);
    }

    /** The suite's end of a connection that a client under test opened to it (the suite plays the server). */
    public static RawConnection accepted(TcpConnection socket, Transcript transcript, Random random) throws IOException {
        return new RawConnection(socket, transcript, random, 0);
    }

    /** The peer's HTTP request head (an opening handshake), or empty if it closed or sent nothing complete. */
    public Optional<String> readRequestHead() throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 16 * 1024) {
                return Optional.empty();
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        transcript.received(Transcript.showHead(head.toByteArray()));
        return Optional.of(head.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Writes an HTTP head the suite composed, such as a 101 answer. */
    public void sendHead(String head) throws IOException {
        byte[] bytes = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        transcript.sent(Transcript.showHead(bytes));
        write(bytes, 0, bytes.length);
    }

    public void send(HandshakeRequest request) throws IOException {
        byte[] bytes = request.toBytes();
        transcript.sent(Transcript.showHead(bytes));
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
            out.flush();
        } catch (SocketTimeoutException e) {
            transcript.note("the server stopped reading: " + e.getMessage());
            throw e;
        }
    }

    /** Writes raw bytes, for requests split by hand; logged as a byte count and text. */
    public void sendRaw(byte[] bytes, int offset, int length) throws IOException {
        transcript.sent(length + " raw bytes: " + Transcript.showHead(java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
        write(bytes, offset, length);
    }

    /**
     * The server's answer to the handshake, or empty if it closed without one.
     *
     * @throws SocketTimeoutException if nothing complete arrives within the timeout
     */
    public Optional<HttpResponseHead> readResponse() throws IOException {
        try {
            Optional<HttpResponseHead> head = HttpResponseHead.read(in);
            if (head.isPresent()) {
                transcript.received(Transcript.showHead(head.get().raw()));
            } else {
                transcript.note("the server closed the connection without answering");
            }
            return head;
        } catch (SocketTimeoutException e) {
            transcript.note("no complete response within " + socket.readTimeout().toMillis() + " ms");
            throw e;
        } catch (IOException e) {
            transcript.note("reading the response failed: " + e.getMessage());
            throw e;
        }
    }

    /** Sends a frame, masked with a fresh key if {@code frame.masked()}, as a client must (§5.3). */
    public void send(Frame frame) throws IOException {
        byte[] wire = encode(frame);
        if (logFrames) {
            transcript.sent(frame.describe());
        }
        write(wire, 0, wire.length);
    }

    /**
     * Writes bytes {@link #encode} made, or any slice of them, as one write; the transcript gets
     * {@code description} instead of the bytes (a frame's head cut in two reads as nothing).
     */
    public void sendEncoded(byte[] wire, int offset, int length, String description) throws IOException {
        if (logFrames) {
            transcript.sent(description);
        }
        write(wire, offset, length);
    }

    /** Whether frames sent and read are written to the transcript; off for cases that exchange thousands, which note what they did. */
    public void logFrames(boolean on) {
        this.logFrames = on;
    }

    /** The frame as it goes on the wire, masked with a fresh key if {@code frame.masked()} (§5.3). */
    public byte[] encode(Frame frame) {
        byte[] payload = frame.payload();
        int len = payload.length;
        int headLen = 2 + (len < 126 ? 0 : len <= 0xFFFF ? 2 : 8) + (frame.masked() ? 4 : 0);
        byte[] wire = new byte[headLen + len];
        wire[0] = (byte) ((frame.fin() ? 0x80 : 0) | (frame.rsv() << 4) | frame.opcode());
        int at = 2;
        int maskBit = frame.masked() ? 0x80 : 0;
        if (len < 126) {
            wire[1] = (byte) (maskBit | len);
        } else if (len <= 0xFFFF) {
            wire[1] = (byte) (maskBit | 126);
            wire[at++] = (byte) (len >>> 8);
            wire[at++] = (byte) len;
        } else {
            wire[1] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                wire[at++] = (byte) ((long) len >>> shift);
            }
        }
        if (!frame.masked()) {
            System.arraycopy(payload, 0, wire, at, len);
            return wire;
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        System.arraycopy(mask, 0, wire, at, 4);
        at += 4;
        for (int i = 0; i < len; i++) {
            wire[at + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return wire;
    }

    /** Reads one frame, or empty if the server closed the TCP connection first. */
    public Optional<Frame> readFrame() throws IOException {
        return readFrame(true);
    }

    /** As {@link #readFrame()}, for polling loops: a timeout is expected and not logged. */
    public Optional<Frame> pollFrame() throws IOException {
        return readFrame(false);
    }

    private Optional<Frame> readFrame(boolean noteTimeout) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            int b0 = data.read();
            if (b0 < 0) {
                transcript.note("the server closed the TCP connection");
                return Optional.empty();
            }
            int b1 = data.readUnsignedByte();
            long len = b1 & 0x7F;
            if (len == 126) {
                len = data.readUnsignedShort();
                lastLengthBits = 16;
            } else if (len == 127) {
                len = data.readLong();
                lastLengthBits = 64;
            } else {
                lastLengthBits = 7;
            }
            if (len < 0 || len > Integer.MAX_VALUE - 8) {
                throw new IOException("the server sent a frame length of " + Long.toUnsignedString(len));
            }
            boolean masked = (b1 & 0x80) != 0;
            byte[] mask = new byte[4];
            if (masked) {
                data.readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            data.readFully(payload);
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            Frame frame = new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, masked, payload);
            if (logFrames) {
                transcript.received(frame.describe());
            }
            return Optional.of(frame);
        } catch (EOFException e) {
            transcript.note("the server closed the TCP connection in the middle of a frame");
            throw e;
        } catch (SocketTimeoutException e) {
            if (noteTimeout) {
                transcript.note("no frame within " + socket.readTimeout().toMillis() + " ms");
            }
            throw e;
        }
    }

    /** In how many bits the last frame read gave its payload length: 7, 16 or 64 (§5.2). */
    public int lastFrameLengthBits() {
        return lastLengthBits;
    }

    /** How long a read may wait, in milliseconds. */
    public void timeout(int millis) throws IOException {
        socket.readTimeout(Duration.ofMillis(millis));
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Ends the connection with RST (SO_LINGER 0): to the peer, a crash or a cut cable. */
    public void reset() {
        transcript.note("connection reset by the suite");
        socket.reset();
    }

    public int timeout() {
        return (int) socket.readTimeout().toMillis();
    }

    @Override
    public void close() {
        socket.close();
    }
}
