package wslab.reference.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.Scheduled;
import wslab.api.SecurityContract;
import wslab.api.TcpConnection;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;
import wslab.reference.frames.FrameReader;
import wslab.reference.frames.ProtocolException;

/**
 * One connection of lesson 09's chat, after the upgrade: nothing but an auth message is taken
 * until a token verifies; then every post is authorized against that token, every message counts
 * against the rate limit, and the connection ends when the token expires, when it has been idle,
 * or when a message is too big (checked as the frames arrive, never after buffering it). Lesson
 * 02's frame layer underneath: pings are answered, the close handshake is run.
 */
public class SecureChatSession extends EchoSession {

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final Duration IDLE_TICK = Duration.ofMillis(100);

    private final SecureChatServer server;
    private final TcpConnection connection;
    private final String peer;
    private final LabEnvironment env;
    private final EventLoop timers;
    private final RateLimit rate;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Identity identity;
    private volatile long lastHeardNanos;
    private volatile Scheduled expiry = () -> { };
    /** Bytes of the message being assembled, all its fragments so far. */
    private long messageBytes;

    public SecureChatSession(InputStream in, OutputStream out, TcpConnection connection, String peer, SecureChatServer server) {
        super(in, out);
        this.server = server;
        this.connection = connection;
        this.peer = peer;
        this.env = server.env;
        this.timers = server.timers();
        this.rate = new RateLimit(SecurityContract.RATE_BURST, SecurityContract.RATE_PER_SECOND, env::nanoTime);
        this.lastHeardNanos = env.nanoTime();
    }

    /** The frame layer's limit is the contract's: a frame that announces more fails with 1009 from its header alone. */
    @Override
    protected FrameReader newReader(InputStream in) {
        return new FrameReader(in, SecurityContract.MAX_MESSAGE_BYTES) {
        };
    }

    @Override
    public void run() throws IOException {
        Scheduled authDeadline = timers.schedule(authTimeout(), () -> {
            if (identity == null) {
                fail(SecurityContract.CLOSE_POLICY, "no auth message within " + authTimeout().toMillis() + " ms");
            }
        });
        Scheduled idle = timers.every(IDLE_TICK, this::closeIfIdle);
        try {
            super.run();
        } finally {
            authDeadline.cancel();
            idle.cancel();
            expiry.cancel();
            server.rooms().leaveAll(this);
        }
    }


    /** Text only, and the size of the whole message counted fragment by fragment, before any of it is kept. */
    @Override
    protected void append(Frame f) throws IOException, ProtocolException {
        // Only messages count against idleness: control frames (a pong to a server's ping) do not.
        heard();
        if (f.opcode() == OPCODE_BINARY) {
            throw new ProtocolException(SecurityContract.CLOSE_UNSUPPORTED_DATA, "this chat takes text messages only");
        }
        if (f.opcode() != OPCODE_CONTINUATION) {
            messageBytes = 0;
        }
        messageBytes += f.payload().length;
        if (tooBig(messageBytes, f)) {
            throw new ProtocolException(SecurityContract.CLOSE_TOO_BIG, "message over " + SecurityContract.MAX_MESSAGE_BYTES + " bytes");
        }
        super.append(f);
    }

    /** The whole message so far, every fragment counted, not the frame alone. */
    protected boolean tooBig(long messageSoFar, Frame last) {
        return messageSoFar > SecurityContract.MAX_MESSAGE_BYTES;
    }

    protected Duration authTimeout() {
        return SecurityContract.AUTH_TIMEOUT;
    }

    protected Duration idleTimeout() {
        return SecurityContract.IDLE_TIMEOUT;
    }

    @Override
    protected void onMessage(int opcode, byte[] message) throws IOException {
        if (closing.get()) {
            return;
        }
        if (!withinRate()) {
            fail(SecurityContract.CLOSE_POLICY, "more than " + SecurityContract.RATE_BURST + " messages at once");
            return;
        }
        ClientMessage m;
        try {
            m = server.messages().parse(new String(message, StandardCharsets.UTF_8));
        } catch (ChatMessages.Invalid e) {
            invalid(e);
            return;
        }
        if (identity == null && !(m instanceof ClientMessage.Auth)) {
            beforeAuth(m);
            return;
        }
        if (m instanceof ClientMessage.Auth auth) {
            authenticate(auth.token());
        } else if (m instanceof ClientMessage.Post post) {
            post(post);
        }
    }

    /** A message the parser refused: before auth it ends the connection, after it is answered with an error. */
    protected void invalid(ChatMessages.Invalid e) throws IOException {
        if (identity == null) {
            fail(SecurityContract.CLOSE_POLICY, "the first message must be a valid auth message");
        } else {
            send(SecurityContract.error(e.code(), e.getMessage()));
        }
    }

    /** Anything but auth before a token has verified: nothing is taken, the connection ends. */
    protected void beforeAuth(ClientMessage m) throws IOException {
        fail(SecurityContract.CLOSE_POLICY, "the first message must be an auth message");
    }

    protected boolean withinRate() {
        return rate.tryTake();
    }

    /** The first auth, or a renewal: the same user with a fresh token. */
    protected void authenticate(String token) throws IOException {
        Identity id;
        try {
            id = server.tokens().verify(token);
        } catch (TokenVerifier.Refused e) {
            server.log("auth refused for " + peer + ": " + e.getMessage());
            fail(SecurityContract.CLOSE_POLICY, e.getMessage());
            return;
        }
        Identity before = identity;
        if (before != null && !renews(before, id)) {
            server.log("auth refused for " + peer + ": a token for " + id.user() + " on " + before.user() + "'s connection");
            fail(SecurityContract.CLOSE_POLICY, "a token for another user");
            return;
        }
        identity = id;
        server.rooms().leaveAll(this);
        server.rooms().join(this, id.rooms().keySet());
        expireAt(id);
        server.log((before == null ? "authenticated " : "renewed ") + id.user() + " on " + peer + " until " + id.expiresAt());
        send(SecurityContract.welcome(id.user()));
    }

    /** Whether {@code id} may renew the session of {@code before}: only for the same user, so a session never changes hands. */
    protected boolean renews(Identity before, Identity id) {
        return before.user().equals(id.user());
    }

    /** The client was heard from: the idle timer starts again. */
    protected final void heard() {
        lastHeardNanos = env.nanoTime();
    }

    /** Closes the connection when its token expires: a session lives no longer than its credentials. */
    protected void expireAt(Identity id) {
        expiry.cancel();
        Duration left = Duration.between(env.clock().instant(), id.expiresAt());
        expiry = timers.schedule(left.isNegative() ? Duration.ZERO : left, () -> {
            if (identity == id) {
                fail(SecurityContract.CLOSE_POLICY, "the token has expired");
            }
        });
    }

    /** Each post is authorized on its own: membership of the room, then the right to write there. */
    protected void post(ClientMessage.Post p) throws IOException {
        Identity id = identity;
        String refusal = refusal(id, p.room());
        if (refusal != null) {
            send(SecurityContract.error(SecurityContract.ERROR_FORBIDDEN, refusal));
            return;
        }
        String message = messageFor(p.room(), id.user(), p.text());
        for (SecureChatSession member : recipients(p.room())) {
            member.deliver(message);
        }
    }

    /** Why {@code id} may not post to {@code room}, or null if it may: a member, and a writer there. */
    protected String refusal(Identity id, String room) {
        if (!id.isMember(room)) {
            return id.user() + " is not a member of " + room;
        }
        if (!id.mayPost(room)) {
            return id.user() + " may only read " + room;
        }
        return null;
    }

    /** The message every member receives; its html is the text escaped for HTML. */
    protected String messageFor(String room, String user, String text) {
        return SecurityContract.message(room, user, text, HtmlText.escape(text));
    }

    protected java.util.List<SecureChatSession> recipients(String room) {
        return server.rooms().membersOf(room);
    }

    /** Every signed-in session of the server, for a broken variant that forgets rooms. */
    protected final java.util.List<SecureChatSession> everyone() {
        return server.rooms().everyone();
    }

    /** A message for this connection's peer; a member that has gone is simply skipped. */
    public void deliver(String message) {
        try {
            send(message);
        } catch (IOException e) {
            // Its own session ends on the broken connection.
        }
    }

    protected void send(String text) throws IOException {
        if (!closing.get()) {
            writer().write(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void closeIfIdle() {
        if (env.nanoTime() - lastHeardNanos >= idleTimeout().toNanos()) {
            fail(SecurityContract.CLOSE_IDLE, "idle for " + idleTimeout().toMillis() + " ms");
        }
    }

    /**
     * Sends the close frame once, then ends this side (TLS close_notify, FIN). What the peer still
     * sends is read and dropped until it closes too, or for {@link SecureChatServer#LINGER} at
     * most: closing at once with its bytes unread would reset the connection, and a reset can
     * destroy the close frame before the peer reads it.
     */
    protected void fail(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            writer().close(code, reason);
            connection.shutdownOutput();
        } catch (IOException ignored) {
            // The peer may have gone first; the connection ends either way.
        } finally {
            timers.schedule(SecureChatServer.LINGER, connection::close);
        }
    }

    protected final String peer() {
        return peer;
    }

    protected final void log(String line) {
        server.log(line);
    }

    protected final LabEnvironment env() {
        return env;
    }

    protected final Identity identity() {
        return identity;
    }
}
