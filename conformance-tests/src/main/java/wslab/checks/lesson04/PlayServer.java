package wslab.checks.lesson04;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import wslab.api.ClientContract;
import wslab.wire.AcceptKeys;
import wslab.wire.Frame;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;
import wslab.wire.Transcript;

/**
 * The server a lesson 04 client connects to: the suite plays it, and records every TCP
 * connection that reaches it as one attempt, with when it arrived, opened and ended and what
 * the client sent. Clients reach it through a fault link, so an outage is a toxic on the link
 * and an attempt still shows up here when the proxy dials through.
 */
final class PlayServer implements AutoCloseable {

    /** How the server treats new connections. */
    enum Mode {
        /** Answer the handshake and the heartbeats: a healthy server. */
        SERVE,
        /** Answer the handshake, then end the TCP connection at once: a server that flaps. */
        DROP_AFTER_OPEN
    }

    record Message(long nanos, String text) {
    }

    /** One TCP connection from the client. Times are System.nanoTime(); -1 until they happen. */
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

        /** The text messages the client sent on this connection, heartbeats left out. */
        synchronized List<String> messages() {
            return messages.stream().map(Message::text).filter(m -> !m.equals(ClientContract.HEARTBEAT)).toList();
        }

        /** Every text message, heartbeats included, in arrival order. */
        synchronized List<String> texts() {
            return messages.stream().map(Message::text).toList();
        }

        /** When each heartbeat arrived. */
        synchronized List<Long> heartbeatNanos() {
            return messages.stream().filter(m -> m.text().equals(ClientContract.HEARTBEAT)).map(Message::nanos).toList();
        }

        private synchronized void add(String text) {
            messages.add(new Message(System.nanoTime(), text));
        }

        /** Sends from the serving thread and the check's thread must not interleave on the wire. */
        private synchronized void send(Frame frame) throws IOException {
            connection.send(frame.unmasked());
        }
    }

    /** How long a connection may take to send its request head before it counts as an attempt without one. */
    static final long HEAD_WAIT_MS = 250;

    private final Transcript transcript;
    private final Random random;
    private final ServerSocket listener;
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile Mode mode = Mode.SERVE;

    PlayServer(Transcript transcript, Random random) throws IOException {
        this.transcript = transcript;
        this.random = random;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "wslab-play-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return listener.getInetAddress().getHostAddress();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The URL clients are given, with the link's host and port put in by the caller. */
    static URI url(String host, int port) {
        return URI.create("ws://" + host + ":" + port + "/feed");
    }

    void mode(Mode mode) {
        this.mode = mode;
        transcript.note("server: " + (mode == Mode.SERVE ? "serving" : "dropping every connection right after it opens"));
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized int count() {
        return attempts.size();
    }

    /** Waits until {@code condition} holds over the attempts, or {@code millis} pass. */
    synchronized boolean await(Predicate<List<Attempt>> condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.test(List.copyOf(attempts))) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            // Conditions may depend on time passing too, so look again now and then.
            wait(Math.min(left, 20));
        }
        return true;
    }

    /** Waits for attempt number {@code n} (1-based) to arrive. */
    Optional<Attempt> awaitAttempt(int n, long millis) throws InterruptedException {
        return await(a -> a.size() >= n, millis) ? Optional.of(attempts().get(n - 1)) : Optional.empty();
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
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                long accepted = System.nanoTime();
                Thread t = new Thread(() -> serve(socket, accepted), "wslab-play-connection");
                t.setDaemon(true);
                t.start();
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
    private void serve(Socket socket, long acceptedNanos) {
        Attempt attempt = null;
        try (RawConnection c = RawConnection.accepted(socket, transcript, random)) {
            Optional<String> head;
            try {
                c.timeout((int) HEAD_WAIT_MS);
                head = c.readRequestHead();
            } catch (SocketTimeoutException e) {
                attempt = register(acceptedNanos, null, c);
                c.timeout(0);
                head = c.readRequestHead();
            }
            String key = head.flatMap(PlayServer::key).orElse(null);
            if (attempt == null) {
                attempt = register(acceptedNanos, key, c);
            } else if (attempt.key == null) {
                // A head that came late still names the attempt, for a retry that repeats it.
                attempt.key = key;
            }
            if (key == null) {
                transcript.note("server: connection #" + attempt.number + " sent no opening handshake");
                return;
            }
            c.timeout(0);
            c.sendHead("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + AcceptKeys.acceptFor(key) + "\r\n\r\n");
            attempt.answeredNanos = System.nanoTime();
            changed();
            if (mode == Mode.DROP_AFTER_OPEN) {
                return;
            }
            while (true) {
                Optional<Frame> f = c.readFrame();
                if (f.isEmpty()) {
                    return;
                }
                Frame frame = f.get();
                attempt.framesReceived++;
                switch (frame.opcode()) {
                    case Opcode.TEXT -> {
                        attempt.add(frame.payloadText());
                        changed();
                        if (frame.payloadText().equals(ClientContract.HEARTBEAT)) {
                            attempt.send(Frame.text(ClientContract.HEARTBEAT_ACK));
                        }
                    }
                    case Opcode.PING -> attempt.send(Frame.of(Opcode.PONG, frame.payload()));
                    case Opcode.CLOSE -> {
                        attempt.closeCodeReceived = frame.payload().length >= 2 ? frame.closeCode() : 1005;
                        changed();
                        attempt.send(Frame.of(Opcode.CLOSE, frame.payload()));
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

    /** The attempt {@code connection} belongs to: the previous one if it repeats its key, else a new one. */
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
        notifyAll();
        return attempt;
    }

    /** An attempt has ended when the last of its connections has. */
    private synchronized void connectionEnded(Attempt attempt) {
        if (--attempt.liveConnections == 0) {
            attempt.endedNanos = System.nanoTime();
            transcript.note("server: connection #" + attempt.number + " ended");
        }
        notifyAll();
    }

    private synchronized void changed() {
        notifyAll();
    }

    private static Optional<String> key(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Best effort.
        }
        for (Attempt a : attempts()) {
            if (a.connection != null) {
                a.connection.close();
            }
        }
    }
}
