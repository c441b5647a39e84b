package wslab.checks.lesson07c;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import wslab.api.ChatContract;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;
import wslab.grader.CheckContext;
import wslab.grader.CheckFailed;
import wslab.wire.Frame;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;
import wslab.wire.ServerHandshake;

/**
 * The chat server a lesson 07c client connects to: the suite plays it, records what each
 * connection carries (parsed as JSON), and answers only what the check tells it to, so a check
 * can lose an ack, cut a connection, or send seqs out of order.
 */
final class ChatPlayServer implements AutoCloseable {

    /** One connection from the client, numbered from 1. */
    static final class Conn {
        final int number;
        private final RawConnection raw;
        private final List<JsonNode> received = new ArrayList<>();
        volatile boolean ended;

        Conn(int number, RawConnection raw) {
            this.number = number;
            this.raw = raw;
        }

        synchronized List<JsonNode> received() {
            return List.copyOf(received);
        }

        List<JsonNode> ofType(String type) {
            return received().stream().filter(m -> m.path("type").asText().equals(type)).toList();
        }

        private synchronized void add(JsonNode m) {
            received.add(m);
        }
    }

    private final CheckContext ctx;
    private final TcpListener listener;
    private final Signal changes;
    private final List<Conn> conns = new ArrayList<>();
    private final Object writing = new Object();

    ChatPlayServer(CheckContext ctx) throws IOException {
        this.ctx = ctx;
        this.changes = ctx.env().newSignal();
        this.listener = ctx.env().listen(0);
        ctx.env().startThread("wslab-chat-play-server", this::acceptLoop);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + listener.port() + ChatContract.PATH);
    }

    synchronized List<Conn> conns() {
        return List.copyOf(conns);
    }

    /** Waits until {@code condition} holds over the connections; fails the check if the client program has gone. */
    boolean await(Predicate<List<Conn>> condition, long millis) throws InterruptedException {
        boolean ok = changes.await(() -> condition.test(conns()) || ctx.targetGone().isPresent(), Duration.ofMillis(millis));
        if (ctx.targetGone().isPresent() && !condition.test(conns())) {
            throw new CheckFailed("the client under test to keep running", ctx.targetGone().get());
        }
        return ok;
    }

    /** Connection {@code n}, once it has arrived. */
    Conn awaitConn(int n, long millis, String why) throws InterruptedException {
        boolean ok = await(c -> c.size() >= n, millis);
        ctx.require(ok, why, "only " + conns().size() + " connection(s) came in " + millis + " ms");
        return conns().get(n - 1);
    }

    /** Waits until connection {@code c} has received a message matching {@code what}, and returns it. */
    Optional<JsonNode> awaitMessage(Conn c, Predicate<JsonNode> what, long millis) throws InterruptedException {
        await(x -> c.received().stream().anyMatch(what), millis);
        return c.received().stream().filter(what).findFirst();
    }

    void send(Conn c, String json) throws IOException {
        synchronized (writing) {
            c.raw.send(Frame.text(json).unmasked());
        }
    }

    /** Ends the connection with RST, as a crashed server or a cut cable would. */
    void cut(Conn c) {
        c.raw.reset();
    }

    private void acceptLoop() {
        while (true) {
            TcpConnection socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            ctx.env().startThread("wslab-chat-play-connection", () -> serve(socket));
        }
    }

    private void serve(TcpConnection socket) {
        Conn conn = null;
        try (RawConnection raw = RawConnection.accepted(socket, ctx.transcript(), ctx.random())) {
            raw.timeout(5000);
            Optional<String> head;
            try {
                head = raw.readRequestHead();
            } catch (SocketTimeoutException e) {
                return;
            }
            Optional<String> key = head.flatMap(ServerHandshake::clientKey);
            if (key.isEmpty()) {
                return;
            }
            raw.timeout(0);
            raw.sendHead(ServerHandshake.switchingProtocols(key.get()));
            synchronized (this) {
                conn = new Conn(conns.size() + 1, raw);
                conns.add(conn);
            }
            ctx.transcript().note("server: connection #" + conn.number + " opened");
            changes.signalAll();
            while (true) {
                Optional<Frame> f = raw.readFrame();
                if (f.isEmpty()) {
                    return;
                }
                Frame frame = f.get();
                if (frame.opcode() == Opcode.TEXT) {
                    JsonNode m = ChatContract.parse(frame.payloadText()).orElse(null);
                    if (m != null) {
                        conn.add(m);
                        changes.signalAll();
                    }
                } else if (frame.opcode() == Opcode.PING) {
                    synchronized (writing) {
                        raw.send(Frame.of(Opcode.PONG, frame.payload()).unmasked());
                    }
                } else if (frame.opcode() == Opcode.CLOSE) {
                    synchronized (writing) {
                        raw.send(Frame.of(Opcode.CLOSE, frame.payload()).unmasked());
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // The connection ended: by a cut, or by the client.
        } finally {
            if (conn != null) {
                conn.ended = true;
                ctx.transcript().note("server: connection #" + conn.number + " ended");
            }
            changes.signalAll();
        }
    }

    @Override
    public void close() {
        listener.close();
        for (Conn c : conns()) {
            c.raw.close();
        }
    }
}
