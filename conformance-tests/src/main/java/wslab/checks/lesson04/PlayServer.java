package wslab.checks.lesson04;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import wslab.api.ClientContract;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;
import wslab.wire.Frame;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;
import wslab.wire.ServerHandshake;
import wslab.wire.Transcript;

/**
 * The server a lesson 04 client connects to: the suite plays it, and records every TCP
 * connection that reaches it as one attempt, with when it arrived, opened and ended and what
 * the client sent. Clients reach it through a fault link, so an outage is a toxic on the link
 * and an attempt still shows up here when the proxy dials through. Its sockets, threads and
 * clock are the check's environment: real, or a simulation on virtual time.
 */
final class PlayServer implements AutoCloseable {

    /** How the server treats new connections. */
    enum Mode {
        /** Answer the handshake and the heartbeats: a healthy server. */
        SERVE,
        /** Answer the handshake, then end the TCP connection at once: a server that flaps. */
        DROP_AFTER_OPEN,
        /** Answer the handshake, then never send another byte: a link black-holed right after the 101. */
        SILENT_AFTER_OPEN
    }

    record Message(long nanos, String text) {
    }

    /** One TCP connection from the client. Times are the environment's nanoTime(); -1 until they happen. */
    static final class Attempt {
        final int number;
        final long acceptedNanos;
        /** When the server sent its 101; -1 before. */
        volatile long answeredNanos = -1;
        volatile long endedNanos = -1;
        volatile int closeCodeReceived = -1;
        volatile int framesReceived;
        volatile String key;
        /** Its TCP connections still open: more than one only while an HTTP client's own retry overlaps. */
        int liveConnections;
        private final List<Message> messages = new ArrayList<>();
        private RawConnection connection;

        Attempt(int number, long acceptedNanos) {
            this.number = number;
            this.acceptedNanos = acceptedNanos;
        }

        /**
         * The client got the 101: the server answered and the connection lives on, or carried a
         * frame. An answer that an outage reset on its way opened nothing.
         */
        boolean opened() {
            return answeredNanos >= 0 && (framesReceived > 0 || !ended());
        }

        /** When the server answered the handshake. */
        long openedNanos() {
            return answeredNanos;
        }

        boolean ended() {
            return endedNanos >= 0;
        }

        boolean isOpenNow() {
            return opened() && !ended();
        }

        /** The text messages the client sent on this connection, heartbeats (as JSON values) left out. */
        synchronized List<String> messages() {
            return messages.stream().map(Message::text).filter(m -> !ClientContract.isHeartbeat(m)).toList();
        }

        /** Every text message, heartbeats included, in arrival order. */
        synchronized List<String> texts() {
            return messages.stream().map(Message::text).toList();
        }

        /** When each heartbeat arrived. */
        synchronized List<Long> heartbeatNanos() {
            return messages.stream().filter(m -> ClientContract.isHeartbeat(m.text())).map(Message::nanos).toList();
        }

        private synchronized void add(long nanos, String text) {
            messages.add(new Message(nanos, text));
        }

        /** Sends from the serving thread and the check's thread must not interleave on the wire. */
        private synchronized void send(Frame frame) throws IOException {
            connection.send(frame.unmasked());
        }
    }

    /** How long a connection may take to send its request head before it counts as an attempt without one. */
    static final long HEAD_WAIT_MS = 250;

    private final LabEnvironment env;
    private final Transcript transcript;
    private final Random random;
    private final TcpListener listener;
    private final Signal changes;
    private final java.util.function.Supplier<Optional<String>> clientGone;
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile Mode mode = Mode.SERVE;
    private volatile boolean closed;

    /**
     * @param clientGone why the client under test has gone (a program that exited), if it has:
     *                   a wait for the client to act stops then, see {@link #expect}
     */
    PlayServer(LabEnvironment env, Transcript transcript, Random random,
               java.util.function.Supplier<Optional<String>> clientGone) throws IOException {
        this.env = env;
        this.clientGone = clientGone;
        this.transcript = transcript;
        this.random = random;
        this.changes = env.newSignal();
        this.listener = env.listen(0);
        env.startThread("wslab-play-server", this::acceptLoop);
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return listener.port();
    }

    long now() {
        return env.nanoTime();
    }

    /** The URL clients are given, with the link's host and port put in by the caller. */
    static URI url(String host, int port) {
        return URI.create("ws://" + host + ":" + port + "/feed");
    }

    void mode(Mode mode) {
        this.mode = mode;
        transcript.note("server: " + switch (mode) {
            case SERVE -> "serving";
            case DROP_AFTER_OPEN -> "dropping every connection right after it opens";
            case SILENT_AFTER_OPEN -> "answering every handshake, then sending nothing at all (a black hole right after the 101)";
        });
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized int count() {
        return attempts.size();
    }

    /** Waits until {@code condition} holds over the attempts, or {@code millis} pass. */
    boolean await(Predicate<List<Attempt>> condition, long millis) throws InterruptedException {
        return changes.await(() -> condition.test(attempts()), Duration.ofMillis(Math.max(0, millis)));
    }

    /**
     * As {@link #await}, for something the client must do: if the client under test goes away
     * meanwhile (a program exits), the check fails at once, saying how it went.
     */
    boolean expect(Predicate<List<Attempt>> condition, long millis) throws InterruptedException {
        boolean ok = changes.await(() -> condition.test(attempts()) || clientGone.get().isPresent(),
                Duration.ofMillis(Math.max(0, millis)));
        Optional<String> gone = clientGone.get();
        if (gone.isPresent() && !condition.test(attempts())) {
            throw new wslab.grader.CheckFailed("the client under test to keep running", gone.get());
        }
        return ok;
    }

    /** Waits for attempt number {@code n} (1-based) to arrive. */
    Optional<Attempt> awaitAttempt(int n, long millis) throws InterruptedException {
        return expect(a -> a.size() >= n, millis) ? Optional.of(attempts().get(n - 1)) : Optional.empty();
    }

    /** Sends a close frame on every open connection and ends them. */
    void closeOpen(int code, String reason) throws IOException {
        for (Attempt a : attempts()) {
            if (a.isOpenNow()) {
                a.send(Frame.close(code, reason.getBytes(StandardCharsets.UTF_8)));
                a.connection.close();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                TcpConnection socket = listener.accept();
                long accepted = env.nanoTime();
                env.startThread("wslab-play-connection", () -> serve(socket, accepted));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * A connection becomes an attempt once its request head has arrived (or has not arrived
     * within {@link #HEAD_WAIT_MS}, as on a black-holed link), because only then can it be told
     * apart from the HTTP client's own silent retry of the previous attempt: that one carries the
     * same Sec-WebSocket-Key, a new attempt a fresh one (RFC 6455 §4.1: a new nonce per handshake).
     */
    private void serve(TcpConnection socket, long acceptedNanos) {
        Attempt attempt = null;
        try (RawConnection c = RawConnection.accepted(socket, transcript, random)) {
            Optional<String> head;
            try {
                c.timeout((int) HEAD_WAIT_MS);
                head = c.readRequestHead();
            } catch (SocketTimeoutException e) {
                attempt = register(acceptedNanos, null, c);
                changed();
                c.timeout(0);
                head = c.readRequestHead();
            }
            String key = head.flatMap(ServerHandshake::clientKey).orElse(null);
            if (attempt == null) {
                attempt = register(acceptedNanos, key, c);
                changed();
            } else if (attempt.key == null) {
                // A head that came late still names the attempt, for a retry that repeats it.
                attempt.key = key;
            }
            if (key == null) {
                transcript.note("server: connection #" + attempt.number + " sent no opening handshake");
                return;
            }
            c.timeout(0);
            c.sendHead(ServerHandshake.switchingProtocols(key));
            attempt.answeredNanos = env.nanoTime();
            changed();
            if (mode == Mode.DROP_AFTER_OPEN) {
                return;
            }
            boolean silent = mode == Mode.SILENT_AFTER_OPEN;
            while (true) {
                Optional<Frame> f = c.readFrame();
                if (f.isEmpty()) {
                    return;
                }
                Frame frame = f.get();
                attempt.framesReceived++;
                switch (frame.opcode()) {
                    case Opcode.TEXT -> {
                        attempt.add(env.nanoTime(), frame.payloadText());
                        changed();
                        if (!silent && ClientContract.isHeartbeat(frame.payloadText())) {
                            attempt.send(Frame.text(ClientContract.HEARTBEAT_ACK));
                        }
                    }
                    case Opcode.PING -> {
                        if (!silent) {
                            attempt.send(Frame.of(Opcode.PONG, frame.payload()));
                        }
                    }
                    case Opcode.CLOSE -> {
                        attempt.closeCodeReceived = frame.payload().length >= 2 ? frame.closeCode() : 1005;
                        changed();
                        if (!silent) {
                            attempt.send(Frame.of(Opcode.CLOSE, frame.payload()));
                        }
                        return;
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            transcript.note("server: connection" + (attempt == null ? "" : " #" + attempt.number) + " failed: " + e.getMessage());
        } finally {
            if (attempt == null) {
                attempt = register(acceptedNanos, null, null);
            }
            connectionEnded(attempt);
        }
    }

    /**
     * The attempt {@code connection} belongs to: the previous one if it repeats its key, else a new
     * one. Callers signal the change after it, outside this monitor: a waiter's condition takes it.
     */
    private synchronized Attempt register(long acceptedNanos, String key, RawConnection connection) {
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        Attempt attempt;
        if (key != null && last != null && key.equals(last.key)) {
            // Whether or not the first connection has been seen to end yet: a key is never reused.
            attempt = last;
            attempt.endedNanos = -1;
            attempt.answeredNanos = -1;
            transcript.note("server: connection #" + attempt.number + " again, with the same Sec-WebSocket-Key: the HTTP"
                    + " client's own retry of the same attempt, not a new one");
        } else {
            attempt = new Attempt(attempts.size() + 1, acceptedNanos);
            attempts.add(attempt);
            transcript.note("server: connection #" + attempt.number + " accepted");
        }
        attempt.key = key;
        attempt.connection = connection;
        attempt.liveConnections++;
        return attempt;
    }

    /** An attempt has ended when the last of its connections has. */
    private void connectionEnded(Attempt attempt) {
        synchronized (this) {
            if (--attempt.liveConnections == 0) {
                attempt.endedNanos = env.nanoTime();
                transcript.note("server: connection #" + attempt.number + " ended");
            }
        }
        changed();
    }

    private void changed() {
        changes.signalAll();
    }

    @Override
    public void close() {
        closed = true;
        listener.close();
        for (Attempt a : attempts()) {
            if (a.connection != null) {
                a.connection.close();
            }
        }
    }
}
