package wslab.checks.rfc6455client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import wslab.api.TcpConnection;
import wslab.checks.rfc6455.Answers;
import wslab.checks.rfc6455.Answers.Answer;
import wslab.checks.rfc6455.Answers.CloseFrameRule;
import wslab.checks.rfc6455.PassedOver;
import wslab.checks.rfc6455.Payloads;
import wslab.grader.CheckContext;
import wslab.grader.CheckFailed;
import wslab.wire.AcceptedConnection;
import wslab.wire.Frame;
import wslab.wire.Opcode;
import wslab.wire.ServerHandshake;

/**
 * One connection from the client under test, open: the suite has started the client, taken
 * its TCP connection and answered its opening handshake with a 101. Then frames both ways, and
 * the verdicts every client case shares ("echoed", "failed the connection", "answered the
 * close"), judged as the server suite judges a server (docs/verdict-levels.md).
 */
final class ClientSession implements AutoCloseable {

    /** How long a client may take to connect once started: a program's JVM, a browser's first page. */
    static final long CONNECT_WAIT_MS = 10_000;
    /** A close frame, or a ping, may follow the client's close; this many and the case stops reading. */
    private static final int MAX_CONTROL_FRAMES_AFTER_CLOSE = 16;

    /** A reassembled message from the client. */
    record Message(int opcode, byte[] payload) {
        String describe() {
            return new Frame(true, 0, opcode, true, payload).describe();
        }
    }

    private final CheckContext ctx;
    private final PlayServer server;
    private final AcceptedConnection end;
    /** Pings and pongs the current wait passed over: a failure still says they arrived. */
    private final PassedOver passedOver = new PassedOver();
    private final Answers answers;
    private final List<String> maskKeys = new ArrayList<>();
    private boolean clientSentClose;
    private boolean serverSentClose;
    private long clientCloseNanos = -1;

    private ClientSession(CheckContext ctx, PlayServer server, AcceptedConnection end) {
        this.ctx = ctx;
        this.server = server;
        this.end = end;
        this.answers = new Answers(ctx, "client", passedOver, this::next, f -> { });
    }

    /** Starts the client under test, takes its connection and answers its opening handshake. */
    static ClientSession open(CheckContext ctx) throws IOException, InterruptedException {
        PlayServer server = new PlayServer(ctx);
        try {
            ctx.startClient(server.url(), server.events());
            long wait = CONNECT_WAIT_MS + ctx.slackMillis(2_000);
            Optional<TcpConnection> c = server.awaitConnection(wait);
            ctx.require(c.isPresent(), "the client to connect to " + server.url() + " within " + wait + " ms of its start",
                    "no connection came");
            AcceptedConnection end = new AcceptedConnection(c.get(), ctx.transcript(), ctx.random());
            end.timeout(ctx.timeoutMillis());
            handshake(ctx, end);
            return new ClientSession(ctx, server, end);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** §4.1: the request a client sends; the answer is a 101 with the right Sec-WebSocket-Accept. */
    private static void handshake(CheckContext ctx, AcceptedConnection end) throws IOException {
        String expected = "an opening handshake as RFC 6455 §4.1 has a client send it: GET, Host, Upgrade: websocket,"
                + " Connection: Upgrade, a Sec-WebSocket-Key of 16 bytes in base64, Sec-WebSocket-Version: 13";
        Optional<String> head;
        try {
            head = end.readRequestHead();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, "the client connected but sent no complete request within " + ctx.timeoutMillis() + " ms");
        }
        ctx.require(head.isPresent(), expected, "the client closed the connection before its request was complete");
        String[] lines = head.get().split("\r\n");
        List<String> problems = new ArrayList<>();
        if (!lines[0].matches("GET \\S+ HTTP/1\\.1")) {
            problems.add("the request line is '" + lines[0] + "'");
        }
        if (field(lines, "host").isEmpty()) {
            problems.add("no Host");
        }
        if (!hasToken(lines, "upgrade", "websocket")) {
            problems.add("no Upgrade: websocket");
        }
        if (!hasToken(lines, "connection", "upgrade")) {
            problems.add("no Connection: Upgrade");
        }
        String key = field(lines, "sec-websocket-key").orElse("");
        if (!isWellFormedKey(key)) {
            problems.add(key.isEmpty() ? "no Sec-WebSocket-Key" : "Sec-WebSocket-Key '" + key + "' is not base64 of 16 bytes");
        }
        if (!field(lines, "sec-websocket-version").orElse("").equals("13")) {
            problems.add("Sec-WebSocket-Version is " + field(lines, "sec-websocket-version").orElse("absent"));
        }
        if (!problems.isEmpty()) {
            end.sendHead("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            throw new CheckFailed(expected, String.join("; ", problems));
        }
        end.sendHead(ServerHandshake.switchingProtocols(key));
    }

    private static Optional<String> field(String[] lines, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                values.add(lines[i].substring(colon + 1).trim());
            }
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    private static boolean hasToken(String[] lines, String name, String token) {
        return field(lines, name).stream().flatMap(v -> Arrays.stream(v.split(","))).anyMatch(t -> t.trim().equalsIgnoreCase(token));
    }

    private static boolean isWellFormedKey(String key) {
        try {
            return key.length() == 24 && Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void send(Frame frame) throws IOException {
        if (frame.opcode() == Opcode.CLOSE) {
            serverSentClose = true;
        }
        end.send(frame);
    }

    /** Sends frames in one write: a bad frame right behind a good one, as a fast server would. */
    void sendAll(Frame... frames) throws IOException {
        for (Frame f : frames) {
            if (f.opcode() == Opcode.CLOSE) {
                serverSentClose = true;
            }
        }
        end.sendAll(frames);
    }

    /** The masking keys of every frame the client sent so far, as hex. */
    List<String> maskKeys() {
        return List.copyOf(maskKeys);
    }

    /**
     * The next message from the client, reassembled from its fragments. Its pings and pongs are
     * passed over (and remembered for the failure text); a close comes back as a message.
     */
    Optional<Message> readMessage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            Optional<Frame> next = next();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Frame f = next.get();
            if (f.opcode() == Opcode.PING || f.opcode() == Opcode.PONG) {
                passedOver.add(f);
                continue;
            }
            if (f.opcode() == Opcode.CLOSE) {
                return Optional.of(new Message(Opcode.CLOSE, f.payload()));
            }
            if (opcode == -1) {
                ctx.require(f.opcode() == Opcode.TEXT || f.opcode() == Opcode.BINARY,
                        "a message from the client that starts with TEXT or BINARY (§5.4)", "it sent " + f.describe());
                opcode = f.opcode();
            } else {
                ctx.require(f.opcode() == Opcode.CONTINUATION,
                        "the fragments of the client's message continued by CONTINUATION frames (§5.4)", "it sent " + f.describe());
            }
            data.writeBytes(f.payload());
            if (f.fin()) {
                return Optional.of(new Message(opcode, data.toByteArray()));
            }
        }
    }

    /** The next message must be {@code opcode} with exactly {@code payload} (the echo contract). */
    void expectEcho(int opcode, byte[] payload, String what) throws IOException {
        passedOver.clear();
        String expected = "the " + what + " echoed back: " + Opcode.name(opcode) + " of " + Payloads.size(payload.length);
        Optional<Message> m;
        try {
            m = readMessage();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, passedOver.nothingWithin(ctx.timeoutMillis()));
        } catch (SocketException e) {
            throw new CheckFailed(expected, "the connection was reset" + passedOver.after());
        }
        ctx.require(m.isPresent(), expected, "the client closed the connection" + passedOver.after());
        Message got = m.get();
        ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), payload), expected,
                "it sent " + got.describe() + passedOver.after());
    }

    /** The next frame must be a pong carrying {@code payload} (§5.5.2, §5.5.3); the client's own pings are passed over. */
    void expectPong(byte[] payload) throws IOException {
        passedOver.clear();
        String expected = "a PONG with the ping's " + Payloads.size(payload.length) + " of payload";
        Optional<Frame> f;
        try {
            f = answers.nextPassingOverPings();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, passedOver.nothingWithin(ctx.timeoutMillis()));
        } catch (SocketException e) {
            throw new CheckFailed(expected, "the connection was reset" + passedOver.after());
        }
        ctx.require(f.isPresent(), expected, "the client closed the connection" + passedOver.after());
        ctx.require(f.get().opcode() == Opcode.PONG && Arrays.equals(f.get().payload(), payload), expected,
                "it sent " + f.get().describe() + passedOver.after());
    }

    /**
     * Pings came between the fragments of a message (§5.4): a pong for each, in order and with
     * its ping's payload (§5.5.2, §5.5.3), and the message echoed whole. Whether the pongs come
     * before the echo or after is the client's choice.
     */
    void expectPongsAndEcho(List<byte[]> pings, int opcode, byte[] message) throws IOException {
        passedOver.clear();
        String expected = (pings.size() == 1 ? "a PONG for the ping" : "a PONG for each of the " + pings.size() + " pings")
                + " between the fragments, and the message echoed whole: " + Opcode.name(opcode) + " of "
                + Payloads.size(message.length);
        int pongs = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean echoed = false;
        try {
            while (pongs < pings.size() || !echoed) {
                Optional<Frame> next = next();
                String sofar = " (" + pongs + " of " + pings.size() + " pongs" + (echoed ? " and the echo" : "") + " had come)";
                ctx.require(next.isPresent(), expected, "the client closed the connection" + sofar);
                Frame f = next.get();
                switch (f.opcode()) {
                    case Opcode.PONG -> {
                        ctx.require(pongs < pings.size() && Arrays.equals(f.payload(), pings.get(pongs)), expected,
                                "it sent " + f.describe() + sofar);
                        pongs++;
                    }
                    case Opcode.PING -> passedOver.add(f);
                    case Opcode.TEXT, Opcode.BINARY, Opcode.CONTINUATION -> {
                        ctx.require(!echoed, expected, "it sent " + f.describe() + " after the echo");
                        data.writeBytes(f.payload());
                        if (f.fin()) {
                            Message got = new Message(f.opcode() == Opcode.CONTINUATION ? opcode : f.opcode(), data.toByteArray());
                            ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), message), expected,
                                    "it sent " + got.describe() + sofar);
                            echoed = true;
                        }
                    }
                    default -> throw new CheckFailed(expected, "it sent " + f.describe() + sofar);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, pongs + " of " + pings.size() + " pongs" + (echoed ? " and the echo" : " and no echo")
                    + " arrived within " + ctx.timeoutMillis() + " ms");
        } catch (SocketException e) {
            throw new CheckFailed(expected, "the connection was reset after " + pongs + " pongs");
        }
    }

    /**
     * The client must fail the connection (§7.1.7): it MUST close it and MUST NOT go on
     * processing (an echo, or silence until the timeout, fails); it SHOULD send a close frame with
     * one of {@code codes} first (none, or another code, is NON-STRICT).
     */
    void expectFailure(String why, int... codes) throws IOException {
        expectClosing(CloseFrameRule.SHOULD, why, codes);
    }

    /**
     * The client must close the connection, where the RFC makes the close frame a MAY (§5.1, a
     * masked frame): closing is judged, the close frame and its code are only noted.
     */
    void expectConnectionClosed(String why, int... codes) throws IOException {
        expectClosing(CloseFrameRule.MAY, why, codes);
    }

    private void expectClosing(CloseFrameRule rule, String why, int... codes) throws IOException {
        String expected = rule == CloseFrameRule.SHOULD
                ? "the client to fail the connection with close " + Answers.anyOf(codes) + ": " + why
                : "the client to close the connection: " + why;
        Optional<Frame> close = answers.expectClosing(rule, expected, codes);
        if (close.isPresent()) {
            answerClientClose(close.get());
        }
    }

    /** A server answers a close it has not sent one before (§5.5.1), then closes TCP at once. */
    private void answerClientClose(Frame close) throws IOException {
        if (!serverSentClose) {
            int code = close.closeCode();
            try {
                send(code < 0 || code == 1005 || code == 1006 || code == 1015 ? Frames.of(Opcode.CLOSE, new byte[0])
                        : Frames.close(code, new byte[0]));
            } catch (IOException e) {
                // A client that fails a connection may close TCP right after its close frame: nothing to answer.
                ctx.transcript().note("server: the close could not be answered (" + e.getMessage() + "): the client had gone");
            }
        }
        closeTcp();
    }

    /**
     * The suite sent a close; the client MUST answer with a close (§5.5.1). Echoing the code is
     * what endpoints "typically" do, with no keyword: a different code is noted. The TCP
     * connection stays open: the caller decides when the server closes it.
     */
    void expectCloseAnswer(int code) throws IOException {
        answers.expectCloseAnswer(code);
    }

    /**
     * After the server's close, reads what the client sends up to its close frame, its TCP close
     * or the timeout, and judges it only by the rules every client frame follows: for cases that
     * judge something else (the client's report), where the answer is another case's business.
     */
    void awaitCloseAnswerQuietly() throws IOException {
        if (!serverSentClose || clientSentClose) {
            return;
        }
        try {
            Answer a = answers.next();
            if (a.frame().isEmpty()) {
                ctx.transcript().note(a.ending());
            }
        } catch (SocketTimeoutException e) {
            ctx.transcript().note("no close frame in answer within " + ctx.timeoutMillis() + " ms (judged by other cases)");
        }
    }

    /** Waits out {@code millis}, as long as the client sends nothing: a data frame after its close fails (§5.5.1). */
    void expectNoDataFor(long millis) throws IOException {
        waitForTcpClose(millis);
    }

    /**
     * §5.5.1, §7.1.1: the client SHOULD leave the TCP close to the server. The server waits
     * {@code millis} after the closing handshake before it closes; a client that closes first is
     * NON-STRICT.
     */
    void expectClientToLeaveTheTcpCloseToTheServer(long millis) throws IOException {
        Optional<String> closedFirst = waitForTcpClose(millis);
        ctx.should(closedFirst.isEmpty(), "the client to leave the TCP close to the server (§5.5.1, §7.1.1: the client"
                + " SHOULD wait for the server to close it): still open " + millis + " ms after the closing handshake",
                closedFirst.map(how -> "the client " + how + sinceTheClose() + ", before the server").orElse(""));
        closeTcp();
    }

    /** §5.5.1: after both close frames the client MUST close TCP itself if the server never does. */
    void expectClientToCloseTcpWithin(long millis) throws IOException {
        Optional<String> closed = waitForTcpClose(millis);
        ctx.require(closed.isPresent(), "the client to close the TCP connection itself when the server does not (§5.5.1: after"
                + " both close frames an endpoint MUST close it), within " + millis + " ms",
                "the connection was still open " + millis + " ms after the closing handshake");
        ctx.transcript().note("the client " + closed.get() + sinceTheClose());
    }

    /** How the client ended the TCP connection within {@code millis}, or empty if it stayed open. */
    private Optional<String> waitForTcpClose(long millis) throws IOException {
        long deadline = ctx.nanoTime() + millis * 1_000_000;
        long before = end.timeout();
        try {
            for (int frames = 0; frames < MAX_CONTROL_FRAMES_AFTER_CLOSE; frames++) {
                long left = (deadline - ctx.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                end.timeout(left);
                Optional<Frame> f;
                try {
                    f = next();
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                } catch (SocketException e) {
                    return Optional.of("reset the TCP connection");
                }
                if (f.isEmpty()) {
                    return Optional.of("closed the TCP connection");
                }
                ctx.require(f.get().opcode() >= Opcode.CLOSE, "no data frame after the client's close frame (§5.5.1)",
                        "it sent " + f.get().describe());
                ctx.info("after its close frame the client sent " + f.get().describe() + "; §5.5.1 forbids only data frames there");
            }
            return Optional.empty();
        } finally {
            end.timeout(before);
        }
    }

    private String sinceTheClose() {
        return clientCloseNanos < 0 ? "" : " " + (ctx.nanoTime() - clientCloseNanos) / 1_000_000 + " ms after its close frame";
    }

    /** The server closes the TCP connection (§5.5.1: at once, after both close frames). */
    void closeTcp() {
        ctx.transcript().note("server: closes the TCP connection");
        end.close();
    }

    /** The first connection end the client reports to its application, within {@code millis}. */
    Optional<PlayServer.Report> awaitReport(long millis) throws InterruptedException {
        return server.awaitReport(millis);
    }

    /**
     * The client's next frame, judged by the rules every client frame follows: masked (§5.1),
     * no reserved bits and the minimal length encoding (§5.2), control frames short and whole (§5.5), a close frame that an
     * endpoint may send (§5.5.1, §7.4.1), no data after its close (§5.5.1). A ping is answered.
     */
    private Optional<Frame> next() throws IOException {
        Optional<AcceptedConnection.ClientFrame> read = end.read();
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Frame f = read.get().frame();
        ctx.require(f.masked(), "masked frames from the client (RFC 6455 §5.1: a client MUST mask every frame it sends)",
                "it sent an unmasked " + f.describe());
        maskKeys.add(Payloads.hex(read.get().maskKey()));
        ctx.require(f.rsv() == 0, "no reserved bits from the client: no extension was negotiated (§5.2)", "it sent " + f.describe());
        int minimalBits = Frame.minimalLengthBits(f.payload().length);
        ctx.require(read.get().minimalLength(), "the minimal length encoding from the client: " + minimalBits + " bits for "
                + Payloads.size(f.payload().length) + " (§5.2 Payload length)", () -> "it sent " + f.describe()
                + " with its length in " + read.get().lengthBits() + " bits");
        boolean control = (f.opcode() & 0x8) != 0;
        if (control) {
            ctx.require(f.fin() && f.payload().length <= 125, "control frames of at most 125 bytes, never fragmented (§5.5)",
                    "it sent " + f.describe());
        } else {
            ctx.require(!clientSentClose, "no data frame after the client's close frame (§5.5.1)",
                    "it sent " + f.describe() + " after its close frame");
        }
        if (f.opcode() == Opcode.CLOSE) {
            answers.requireSendableClose(f);
            if (!clientSentClose) {
                clientSentClose = true;
                clientCloseNanos = ctx.nanoTime();
            }
        } else if (f.opcode() == Opcode.PING && !serverSentClose) {
            end.send(Frames.of(Opcode.PONG, f.payload()));
        }
        return Optional.of(f);
    }

    @Override
    public void close() {
        end.close();
        server.close();
    }
}
