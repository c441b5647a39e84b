package wslab.lessons.security;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import wslab.api.LabCertificate;
import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Registration;
import wslab.api.SecurityContract;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;
import wslab.api.Tls;
import wslab.api.TlsConnection;

/**
 * Lesson 09 starter: a chat server that works, and trusts everyone. Given: TLS on every
 * connection with a certificate made at start (printed in the log, where the grader finds it),
 * the opening handshake, a small frame layer, rooms and broadcast. Yours: the defences, one TODO
 * each, named by the checks it makes pass. Run {@code ./wslab grade 09} (add {@code --only 09.6}
 * for one check) and read README.md, threat by threat.
 */
public class ChatServer implements LabServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabEnvironment env;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private Consumer<String> log = line -> { };
    private SSLContext tls;
    private TcpListener listener;

    public ChatServer(LabEnvironment env) {
        this.env = env;
    }

    @Override
    public void logTo(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public int start(int port) throws IOException {
        LabCertificate certificate = LabCertificate.selfSigned("127.0.0.1", "localhost");
        tls = certificate.serverContext();
        log.accept("certificate (trust it to connect):");
        certificate.pem().lines().forEach(log);
        listener = env.listen(port);
        env.startThread("chat-accept", this::acceptLoop);
        return listener.port();
    }

    private void acceptLoop() {
        while (true) {
            try {
                TcpConnection connection = listener.accept();
                // TODO(09.43): count open connections per address (connection.remoteAddress() is "ip:port");
                //  the sixth at once from one address is closed here, before any TLS work is spent on it.
                env.startThread("chat-conn", () -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(TcpConnection raw) {
        // TODO(09.45, 09.46): one deadline, SecurityContract.HANDSHAKE_TIMEOUT, from here to the end of the
        //  request head, TLS included. A read timeout is not one: a byte a second keeps every read alive.
        //  env.newLoop(...).schedule(timeout, raw::close) is a timer; cancel it once the 101 is out.
        try (TlsConnection connection = Tls.server(raw, tls)) {
            connection.handshake();
            InputStream in = new BufferedInputStream(connection.input());
            OutputStream out = new BufferedOutputStream(connection.output());
            Map<String, String> head = readHead(in);
            if (head == null) {
                return;
            }
            // TODO(09.4-09.12): refuse a foreign Origin here with "HTTP/1.1 403 Forbidden", before any 101.
            //  Compare origins (scheme, host, port), never strings: see originAllowed.
            String accept = accept(head.getOrDefault("sec-websocket-key", ""));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // TODO(09.27): a log line per connection is good; the request target is not: its query may hold a token.
            log.accept("upgraded " + connection.remoteAddress() + " " + head.get(":target"));
            Session session = new Session(out);
            sessions.add(session);
            try {
                chat(new DataInputStream(in), session);
            } finally {
                sessions.remove(session);
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    /** TODO(09.4-09.12): the allow-list holds one origin, SecurityContract.ALLOWED_ORIGIN. */
    static boolean originAllowed(String origin) {
        return true;
    }

    private void chat(DataInputStream in, Session session) throws IOException {
        // TODO(09.16): no auth message within SecurityContract.AUTH_TIMEOUT closes with 1008.
        // TODO(09.44): no message for SecurityContract.IDLE_TIMEOUT closes with 1001.
        while (true) {
            Frames.Frame frame = Frames.read(in);
            if (frame == null) {
                return;
            }
            switch (frame.opcode()) {
                case Frames.PING -> session.send(Frames.PONG, frame.payload());
                case Frames.CLOSE -> {
                    session.send(Frames.CLOSE, frame.payload());
                    return;
                }
                // TODO(09.35): binary messages close with 1003.
                // TODO(09.40): a message may come in fragments; count all of them against the limit, as they arrive.
                case Frames.TEXT -> onMessage(session, new String(frame.payload(), StandardCharsets.UTF_8));
                default -> {
                }
            }
        }
    }

    private void onMessage(Session session, String text) throws IOException {
        // TODO(09.41): a token bucket per connection (SecurityContract.RATE_BURST, RATE_PER_SECOND); empty closes with 1008.
        // TODO(09.32-09.34): readTree throws on text that is not JSON, and the connection dies with it.
        //  Answer {"type":"error","code":"bad-json"} instead, and "bad-message" for JSON of the wrong shape.
        JsonNode message = JSON.readTree(text);
        switch (message.path("type").asText()) {
            case SecurityContract.AUTH -> {
                // TODO(09.18-09.24): decode is not verify: it reads anyone's token, forged or not. Verify it with
                //  JWT.require(Algorithm.ECDSA256(SecurityContract.issuerPublicKey(), null)): the issuer, the audience,
                //  an expiry that must be there; build it with env.clock(). A bad token closes with 1008.
                // TODO(09.25, 09.26): close with 1008 when the token expires; a fresh auth message from the same user renews it.
                session.user = JWT.decode(message.path("token").asText()).getSubject();
                session.sendText(SecurityContract.welcome(session.user));
            }
            // TODO(09.15, 09.17): nothing but an auth message before a token has verified (a URL is no credential).
            // TODO(09.28-09.31): a post reaches the members of its room; the sender must be a writer there.
            case SecurityContract.POST -> {
                String room = message.path("room").asText();
                String body = message.path("text").asText();
                // TODO(09.36): the html member is body escaped for HTML: & < > " and ' all of them.
                String delivered = SecurityContract.message(room, session.user == null ? "anonymous" : session.user, body, body);
                for (Session other : sessions) {
                    other.sendText(delivered);
                }
            }
            default -> session.sendText(SecurityContract.error(SecurityContract.ERROR_BAD_MESSAGE, "unknown type"));
        }
    }

    /** Given: the request line and header fields, names in lower case; null if the client left first. */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (bytes.size() >= 8192) {
                throw new IOException("request head over 8 KiB");
            }
            bytes.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> head = new HashMap<>();
        String[] start = lines[0].split(" ");
        head.put(":target", start.length > 1 ? start[1] : "");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                head.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return head;
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }

    /** One connection's writing side: frames from several threads, one at a time. */
    private static final class Session {
        private final OutputStream out;
        /** Who the auth message said this is; null before it. */
        private volatile String user;

        Session(OutputStream out) {
            this.out = out;
        }

        synchronized void send(int opcode, byte[] payload) throws IOException {
            Frames.write(out, opcode, payload);
        }

        void sendText(String text) {
            try {
                send(Frames.TEXT, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // That client has gone; its own thread ends the session.
            }
        }
    }

    /** Lets {@code ./wslab grade 09} find this starter. */
    public static final class Starter extends Registration {
        public Starter() {
            super("09", "starter", SecurityContract.PATH, ChatServer::new);
        }
    }
}
