package wslab.sim;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.random.RandomGenerator;

import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.TcpConnection;

/**
 * A WebSocket client on the simulated network (RFC 6455 client side: a fresh key per handshake,
 * masked frames, pings answered, the closing handshake), with the events of
 * {@link ClientWebSocket.Listener} delivered on the caller's loop, as the real one does.
 */
final class SimWebSocket implements ClientWebSocket {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 16 * 1024;

    private enum State { CONNECTING, OPEN, CLOSING, ENDED }

    private final Simulation sim;
    private final URI url;
    private final EventLoop loop;
    private final Listener listener;
    private TcpConnection connection;
    private State state = State.CONNECTING;
    private boolean aborted;
    private boolean reported;
    private boolean closeSent;

    private SimWebSocket(Simulation sim, URI url, EventLoop loop, Listener listener) {
        this.sim = sim;
        this.url = url;
        this.loop = loop;
        this.listener = listener;
    }

    static SimWebSocket open(Simulation sim, RandomGenerator unused, URI url, EventLoop loop, Listener listener) {
        SimWebSocket s = new SimWebSocket(sim, url, loop, listener);
        sim.lock.lock();
        try {
            sim.enterLocked();
        } finally {
            sim.lock.unlock();
        }
        sim.start("websocket " + url, s::run);
        return s;
    }

    private void run() {
        try {
            connection = sim.network().connect(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
            if (aborted) {
                connection.close();
                return;
            }
            String key = handshake();
            readHandshakeAnswer(key);
            if (aborted) {
                return;
            }
            state = State.OPEN;
            deliver(() -> listener.onOpen(this));
            readFrames();
        } catch (IOException e) {
            fail(e);
        }
    }

    private String handshake() throws IOException {
        byte[] nonce = new byte[16];
        sim.locked(() -> {
            sim.random().nextBytes(nonce);
            return null;
        });
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        connection.output().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return key;
    }

    private void readHandshakeAnswer(String key) throws IOException {
        InputStream in = connection.input();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection during the opening handshake");
            }
            if (head.size() > MAX_HEAD) {
                throw new ProtocolException("the handshake answer is longer than " + MAX_HEAD + " bytes");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (!lines[0].matches("HTTP/1\\.1 101( .*)?")) {
            throw new ProtocolException("the server refused the upgrade: " + lines[0]);
        }
        String accept = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = line.substring(colon + 1).trim();
            }
        }
        if (!acceptFor(key).equals(accept)) {
            throw new ProtocolException("wrong Sec-WebSocket-Accept: " + accept);
        }
    }

    private void readFrames() throws IOException {
        InputStream in = connection.input();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = -1;
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                throw new EOFException("the connection ended without a Close frame");
            }
            int b1 = readByte(in);
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b1 & 0x80) != 0) {
                failWith(1002, "a masked frame from the server");
                return;
            }
            long len = b1 & 0x7F;
            if (len == 126) {
                len = (readByte(in) << 8) | readByte(in);
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | readByte(in);
                }
            }
            byte[] payload = readFully(in, (int) len);
            switch (opcode) {
                case 0x0, 0x1, 0x2 -> {
                    if (opcode != 0) {
                        messageOpcode = opcode;
                        message.reset();
                    }
                    message.writeBytes(payload);
                    if (fin) {
                        byte[] whole = message.toByteArray();
                        if (messageOpcode == 0x1) {
                            String text;
                            try {
                                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(whole)).toString();
                            } catch (CharacterCodingException e) {
                                failWith(1007, "invalid UTF-8 in a text message");
                                return;
                            }
                            deliver(() -> listener.onText(this, text));
                        } else {
                            deliver(() -> listener.onBinary(this, whole));
                        }
                    }
                }
                case 0x8 -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    if (!closeSent) {
                        writeFrame(0x8, payload.length >= 2 ? java.util.Arrays.copyOf(payload, 2) : new byte[0]);
                        closeSent = true;
                    }
                    end(code, reason);
                    connection.close();
                    return;
                }
                case 0x9 -> {
                    writeFrame(0xA, payload);
                    deliver(() -> listener.onPing(this));
                }
                default -> {
                    // A pong, or an opcode this client does not use: nothing to do.
                }
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended in the middle of a frame");
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int len) throws IOException {
        byte[] b = new byte[len];
        int n = 0;
        while (n < len) {
            int k = in.read(b, n, len - n);
            if (k < 0) {
                throw new EOFException("the connection ended in the middle of a frame");
            }
            n += k;
        }
        return b;
    }

    /** Masked, as every client frame must be (RFC 6455 §5.3). */
    private void writeFrame(int opcode, byte[] payload) throws IOException {
        int len = payload.length;
        ByteArrayOutputStream frame = new ByteArrayOutputStream(len + 14);
        frame.write(0x80 | opcode);
        if (len < 126) {
            frame.write(0x80 | len);
        } else if (len <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(len >>> 8);
            frame.write(len);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) len >>> shift));
            }
        }
        byte[] mask = new byte[4];
        sim.locked(() -> {
            sim.random().nextBytes(mask);
            return null;
        });
        frame.writeBytes(mask);
        for (int i = 0; i < len; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        OutputStream out = connection.output();
        out.write(frame.toByteArray());
    }

    @Override
    public void sendText(String text) {
        if (state != State.OPEN || aborted) {
            return;
        }
        try {
            writeFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (state == State.CONNECTING) {
            abort();
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        state = State.CLOSING;
        closeSent = true;
        try {
            writeFrame(0x8, payload);
        } catch (IOException e) {
            fail(e);
            return;
        }
        loop.schedule(CLOSE_TIMEOUT, () -> {
            if (!reported) {
                connection.close();
                end(1006, "");
            }
        });
    }

    @Override
    public void abort() {
        aborted = true;
        state = State.ENDED;
        reported = true;
        if (connection != null) {
            connection.close();
        }
    }

    /** Fails the connection from this side: a Close with {@code code}, then the end (RFC 6455 §7.1.7). */
    private void failWith(int code, String why) throws IOException {
        if (!closeSent) {
            writeFrame(0x8, new byte[] {(byte) (code >>> 8), (byte) code});
            closeSent = true;
        }
        connection.close();
        fail(new ProtocolException(why));
    }

    private void fail(Throwable error) {
        if (aborted || reported) {
            return;
        }
        reported = true;
        state = State.ENDED;
        if (connection != null) {
            connection.close();
        }
        deliver(() -> listener.onError(this, error));
        deliver(() -> listener.onClose(this, 1006, ""));
    }

    private void end(int code, String reason) {
        if (aborted || reported) {
            return;
        }
        reported = true;
        state = State.ENDED;
        deliver(() -> listener.onClose(this, code, reason));
    }

    private void deliver(Runnable event) {
        loop.execute(() -> {
            if (!aborted) {
                event.run();
            }
        });
    }

    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
