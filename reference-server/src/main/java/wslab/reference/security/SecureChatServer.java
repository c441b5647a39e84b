package wslab.reference.security;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import wslab.api.EventLoop;
import wslab.api.LabCertificate;
import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Registration;
import wslab.api.Scheduled;
import wslab.api.SecurityContract;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;
import wslab.api.Tls;
import wslab.api.TlsConnection;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.HandshakeResponse;
import wslab.reference.handshake.HttpRequestHead;

/**
 * Lesson 09's reference: a chat server that expects to be attacked. TLS only on its port, with a
 * certificate made at start; connections counted per address from the moment they are accepted;
 * one deadline for TLS and the request head together (so a client that trickles bytes is
 * dropped); the Origin allow-list decided before any 101 (lesson 01's handshake); then
 * {@link SecureChatSession} on lesson 02's frame layer. Sockets, threads and time come from the
 * environment, so the whole attack runs on virtual time.
 */
public class SecureChatServer implements LabServer {

    public static final String PATH = SecurityContract.PATH;
    /** How long a closing connection keeps reading (and dropping) what its peer still sends. */
    static final Duration LINGER = Duration.ofMillis(500);

    protected final LabEnvironment env;
    private final EventLoop timers;
    private final ChatRooms rooms = new ChatRooms();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Set<TcpConnection> open = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> log = line -> { };
    private TokenVerifier tokens;
    private ChatMessages messages;
    private HandshakeNegotiator negotiator;
    private SSLContext tls;
    private TcpListener listener;

    public SecureChatServer(LabEnvironment env) {
        this.env = env;
        this.timers = env.newLoop("secure-chat-timers");
    }

    @Override
    public void logTo(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public int start(int port) throws IOException {
        LabCertificate certificate = LabCertificate.selfSigned("127.0.0.1", "localhost");
        tls = certificate.serverContext();
        tokens = newTokenVerifier();
        messages = newMessageParser();
        negotiator = newNegotiator(newOriginPolicy());
        listener = env.listen(port);
        log("certificate for " + String.join(", ", certificate.names()) + " (trust it to connect):");
        certificate.pem().lines().forEach(this::log);
        env.startThread("secure-chat-accept", this::acceptLoop);
        return listener.port();
    }

    private void acceptLoop() {
        while (true) {
            TcpConnection connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                return;
            }
            String peer = connection.remoteAddress();
            String address = peer.substring(0, Math.max(0, peer.lastIndexOf(':')));
            if (!admit(address)) {
                log("refused " + peer + ": " + SecurityContract.MAX_CONNECTIONS_PER_ADDRESS + " connections from " + address + " already");
                connection.close();
                continue;
            }
            open.add(connection);
            dispatch(() -> {
                try {
                    serve(connection, peer);
                } finally {
                    open.remove(connection);
                    release(address);
                }
            });
        }
    }

    /** Serves an accepted connection on a thread of its own, so a slow one holds up no one else. */
    protected void dispatch(Runnable serve) {
        env.startThread("secure-chat-conn", serve);
    }

    /** Counts a connection against its address; false, and nothing counted, when the address has its fill. */
    protected boolean admit(String address) {
        AtomicBoolean admitted = new AtomicBoolean();
        perAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            admitted.set(now < SecurityContract.MAX_CONNECTIONS_PER_ADDRESS);
            return admitted.get() ? now + 1 : now;
        });
        return admitted.get();
    }

    protected void release(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private void serve(TcpConnection raw, String peer) {
        AtomicBoolean upgraded = new AtomicBoolean();
        Scheduled deadline = timers.schedule(handshakeDeadline(), () -> {
            if (upgraded.compareAndSet(false, true)) {
                log("dropped " + peer + ": no complete handshake within " + handshakeDeadline().toMillis() + " ms");
                raw.close();
            }
        });
        TcpConnection connection = raw;
        try {
            raw.readTimeout(SecurityContract.HANDSHAKE_TIMEOUT);
            connection = transport(raw);
            afterTls(deadline);
            InputStream in = new BufferedInputStream(connection.input());
            OutputStream out = new BufferedOutputStream(connection.output());
            HandshakeResponse response;
            Optional<HttpRequestHead> head;
            try {
                head = HttpRequestHead.read(in);
                if (head.isEmpty()) {
                    return;
                }
                response = negotiator.answer(head.get());
            } catch (HttpRequestHead.MalformedRequest e) {
                head = Optional.empty();
                response = HandshakeResponse.badRequest(e.getMessage());
            }
            if (!response.switches()) {
                log("refused " + peer + ": " + response.status() + " " + response.reason()
                        + head.flatMap(h -> h.field("origin")).map(o -> " (origin " + o + ")").orElse(""));
                out.write(response.toBytes());
                out.flush();
                return;
            }
            if (!upgraded.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            connection.readTimeout(Duration.ZERO);
            out.write(response.toBytes());
            out.flush();
            log("upgraded " + peer + " to " + describe(head.get()) + " (" + protocolOf(connection) + ", origin "
                    + head.get().field("origin").orElse("none") + ")");
            newSession(in, out, connection, peer, head.get()).run();
            afterSession(in, connection, raw);
        } catch (SSLException e) {
            log("TLS handshake with " + peer + " failed: " + e.getMessage());
        } catch (IOException e) {
            // The peer went away, or was dropped at the deadline.
        } finally {
            deadline.cancel();
            connection.close();
        }
    }

    /** TLS on the accepted connection, its handshake done: nothing on this port is served in the clear. */
    protected TcpConnection transport(TcpConnection accepted) throws IOException {
        TlsConnection tls = Tls.server(accepted, this.tls);
        try {
            tls.handshake();
        } catch (IOException e) {
            tls.close();
            throw e;
        }
        return tls;
    }

    /** What the log says of a request: its path only, since a query string may carry what no log may hold. */
    protected String describe(HttpRequestHead head) {
        return pathOf(head.target());
    }

    private static String protocolOf(TcpConnection connection) {
        return connection instanceof TlsConnection t ? t.session().getProtocol() : "no TLS";
    }

    /**
     * The session sent its close frame: end the connection. The reference ends TCP at once; a
     * variant in the project's tests waits for the client's close frame first, as most libraries do.
     */
    protected void afterSession(InputStream in, TcpConnection connection, TcpConnection raw) {
        closeGently(connection, raw);
    }

    /**
     * Ends this side first and drops what the peer still sends, for {@link #LINGER} at most, so
     * the close frame just sent is not lost to a reset (unread bytes at close make TCP send one).
     */
    private void closeGently(TcpConnection connection, TcpConnection raw) {
        long until = env.nanoTime() + LINGER.toNanos();
        try {
            connection.shutdownOutput();
            raw.readTimeout(LINGER);
            InputStream in = raw.input();
            byte[] sink = new byte[4096];
            while (env.nanoTime() < until && in.read(sink) >= 0) {
                // Dropped: the session is over.
            }
        } catch (IOException ignored) {
            // Reset, timed out or already closed: the connection is closed next either way.
        }
    }

    /** The TLS handshake is done; the same deadline still covers the request head. A broken variant cancels it here. */
    protected void afterTls(Scheduled deadline) {
    }

    /** From TCP accept to the end of the request head, TLS included: one deadline, so trickling bytes buys nothing. */
    protected Duration handshakeDeadline() {
        return SecurityContract.HANDSHAKE_TIMEOUT;
    }

    /** One connection's chat session; the project's tests override it to break one rule at a time. */
    protected SecureChatSession newSession(InputStream in, OutputStream out, TcpConnection connection, String peer,
                                           HttpRequestHead request) {
        return new SecureChatSession(in, out, connection, peer, this);
    }

    protected TokenVerifier newTokenVerifier() {
        return new TokenVerifier(env.clock());
    }

    protected ChatMessages newMessageParser() {
        return new ChatMessages();
    }

    protected OriginPolicy newOriginPolicy() {
        return new OriginPolicy(SecurityContract.ALLOWED_ORIGIN);
    }

    protected HandshakeNegotiator newNegotiator(OriginPolicy origins) {
        return new OriginCheckingNegotiator(origins);
    }

    TokenVerifier tokens() {
        return tokens;
    }

    ChatMessages messages() {
        return messages;
    }

    ChatRooms rooms() {
        return rooms;
    }

    final EventLoop timers() {
        return timers;
    }

    /** A line for the log: never a token, a query string or a message's text. */
    protected final void log(String line) {
        log.accept(line);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        open.forEach(TcpConnection::close);
        timers.shutdown();
    }

    private static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /**
     * Lesson 01's negotiation, with the Origin allow-list decided before any 101. It agrees to no
     * extension: permessage-deflate would compress tokens next to text an attacker chooses.
     */
    public static class OriginCheckingNegotiator extends HandshakeNegotiator {
        private final OriginPolicy origins;

        public OriginCheckingNegotiator(OriginPolicy origins) {
            super(PATH, List.of());
            this.origins = origins;
        }

        @Override
        public HandshakeResponse answer(HttpRequestHead req) {
            HandshakeResponse answer = super.answer(req);
            if (answer.switches() && !origins.allows(req.field("origin"))) {
                return HandshakeResponse.forbidden("origin " + req.field("origin").orElse("(none)") + " is not allowed");
            }
            return answer;
        }
    }

    /** Publishes the server as lesson 09's reference. */
    public static final class Reference extends Registration {
        public Reference() {
            super("09", "reference", PATH, SecureChatServer::new);
        }
    }
}
