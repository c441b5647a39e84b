package wslab.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.random.RandomGenerator;

import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.TcpConnection;

/**
 * A WebSocket client on the simulated network, with the events of {@link ClientWebSocket.Listener}
 * delivered on the caller's loop, as the real one does. It keeps RFC 6455's client side: it masks
 * every frame with a fresh key, answers pings with their payload, refuses what a server must not
 * send and fails the connection with the status code that says why (§7.1.7), runs the closing
 * handshake, and leaves the TCP close to the server for {@link #SERVER_CLOSE_WAIT} (§7.1.1).
 * The frames are read by {@link ServerFrameReader}, joined by {@link MessageAssembler} and
 * written by {@link ClientFrameWriter}; this class runs the connection's life.
 */
final class SimWebSocket implements ClientWebSocket {

    /**
     * How long, on the simulation's clock, the client waits for the server to close TCP once the
     * close frames are exchanged (or the client failed the connection) before it closes it itself.
     */
    static final Duration SERVER_CLOSE_WAIT = Duration.ofSeconds(2);
    /** The largest message the client takes; a larger one fails the connection with 1009 (§7.4.1). */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private enum State { CONNECTING, OPEN, CLOSING, ENDED }

    private final Simulation sim;
    private final URI url;
    private final EventLoop loop;
    private final Listener listener;
    private TcpConnection connection;
    private ClientFrameWriter writer;
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
            byte[] nonce = new byte[16];
            random(nonce);
            OpeningHandshake.readAnswer(connection.input(), OpeningHandshake.request(connection.output(), url, nonce));
            if (aborted) {
                return;
            }
            writer = new ClientFrameWriter(connection.output(), this::random);
            state = State.OPEN;
            deliver(() -> listener.onOpen(this));
            closeReceived(readUntilClose());
        } catch (ProtocolViolation v) {
            failTheConnection(v);
        } catch (IOException e) {
            dropped(e);
        }
    }

    /** Reads frames up to the server's close frame, handling messages and pings on the way. */
    private ServerClose readUntilClose() throws IOException, ProtocolViolation {
        ServerFrameReader frames = new ServerFrameReader(connection.input(), MAX_MESSAGE_BYTES);
        MessageAssembler messages = new MessageAssembler(MAX_MESSAGE_BYTES, new MessageAssembler.Messages() {
            @Override
            public void text(String text) {
                deliver(() -> listener.onText(SimWebSocket.this, text));
            }

            @Override
            public void binary(byte[] data) {
                deliver(() -> listener.onBinary(SimWebSocket.this, data));
            }
        });
        while (true) {
            Frame f = frames.next().orElseThrow(() -> new EOFException("the connection ended without a close frame"));
            switch (f.opcode()) {
                case Rfc6455.CLOSE -> {
                    return ServerClose.parse(f.payload());
                }
                case Rfc6455.PING -> {
                    writer.write(Rfc6455.PONG, f.payload());
                    deliver(() -> listener.onPing(this));
                }
                case Rfc6455.PONG -> {
                    // §5.5.3: a pong nobody asked for needs no answer.
                }
                default -> messages.add(f);
            }
        }
    }

    /**
     * §5.5.1: the server's close is answered, unless it answers the client's own; the application
     * hears the server's code and reason (§7.1.5); the server then closes TCP (§7.1.1).
     */
    private void closeReceived(ServerClose close) {
        sendClose(close.answer());
        end(close.code(), close.reason());
        awaitServerClose();
    }

    /**
     * §7.1.7: a close frame with the violation's status code, unless a close was sent already;
     * the application hears 1006 (§7.1.5: no close frame was received); nothing more is read.
     */
    private void failTheConnection(ProtocolViolation violation) {
        sendClose(ClientFrameWriter.closePayload(violation.closeCode(), violation.getMessage()));
        failed(violation);
        awaitServerClose();
    }

    /** The connection broke or never became a WebSocket: no close frame can be exchanged. */
    private void dropped(IOException e) {
        if (connection != null) {
            connection.close();
        }
        failed(e);
    }

    /** Sends a close frame unless one was sent; a server that has already gone needs none. */
    private void sendClose(byte[] payload) {
        if (closeSent) {
            return;
        }
        closeSent = true;
        try {
            writer.write(Rfc6455.CLOSE, payload);
        } catch (IOException e) {
            // The server closed TCP after its close frame without waiting for the answer: nothing to do.
        }
    }

    /**
     * §7.1.1: the server closes TCP first; the client discards what still arrives and closes only
     * when the server has not closed within {@link #SERVER_CLOSE_WAIT} of the simulation's clock.
     */
    private void awaitServerClose() {
        long deadline = sim.nanoTime() + SERVER_CLOSE_WAIT.toNanos();
        byte[] discard = new byte[8192];
        try {
            InputStream in = connection.input();
            for (long left = deadline - sim.nanoTime(); left > 0 && !aborted; left = deadline - sim.nanoTime()) {
                connection.readTimeout(Duration.ofNanos(left));
                if (in.read(discard) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            // The wait ran out, or the server reset the connection: either way the wait is over.
        } finally {
            connection.close();
        }
    }

    @Override
    public void sendText(String text) {
        if (state != State.OPEN || aborted) {
            return;
        }
        try {
            writer.write(Rfc6455.TEXT, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            dropped(e);
        }
    }

    /** @throws IllegalArgumentException for a code no endpoint may send, or a reason over 123 bytes (§5.5, §7.4) */
    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.maySend(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent in a close frame (RFC 6455 §7.4)");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > Rfc6455.CLOSE_REASON_MAX) {
            throw new IllegalArgumentException("a close reason takes at most " + Rfc6455.CLOSE_REASON_MAX
                    + " bytes of UTF-8 (RFC 6455 §5.5)");
        }
        if (state == State.CONNECTING) {
            abort();
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        sendClose(ClientFrameWriter.closePayload(code, reason));
        loop.schedule(CLOSE_TIMEOUT, () -> {
            if (!reported) {
                connection.close();
                end(CloseCodes.ABNORMAL_CLOSURE, "");
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

    private void failed(Throwable error) {
        if (aborted || reported) {
            return;
        }
        reported = true;
        state = State.ENDED;
        deliver(() -> listener.onError(this, error));
        deliver(() -> listener.onClose(this, CloseCodes.ABNORMAL_CLOSURE, ""));
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

    /** Nonces and masking keys, from the simulation's seeded draws. */
    private void random(byte[] bytes) {
        sim.locked(() -> {
            sim.random().nextBytes(bytes);
            return null;
        });
    }
}
