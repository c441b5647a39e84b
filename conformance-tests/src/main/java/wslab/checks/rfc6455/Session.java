package wslab.checks.rfc6455;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import wslab.grader.CheckContext;
import wslab.grader.CheckFailed;
import wslab.wire.AcceptKeys;
import wslab.wire.Frame;
import wslab.wire.HandshakeRequest;
import wslab.wire.HttpResponseHead;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;

/**
 * An open WebSocket connection for a protocol case: handshake done, then frames in and out,
 * and the verdicts every case shares ("echoed", "failed with 1002", "closed cleanly").
 */
public final class Session implements AutoCloseable {

    /** A close after the first one, or a ping, may follow a close frame; this many and TCP should have closed. */
    private static final int MAX_CONTROL_FRAMES_AFTER_CLOSE = 16;

    private final CheckContext ctx;
    private final RawConnection conn;
    /** Pings and pongs the current wait passed over: a failure still says they arrived. */
    private final List<Frame> passedOver = new ArrayList<>();

    private Session(CheckContext ctx, RawConnection conn) {
        this.ctx = ctx;
        this.conn = conn;
    }

    public static Session open(CheckContext ctx) throws IOException {
        return handshake(ctx, ctx.connect());
    }

    /** Through the check's fault link: set its toxics first. */
    public static Session openThroughFaults(CheckContext ctx) throws IOException {
        return handshake(ctx, ctx.connectThroughFaults());
    }

    private static Session handshake(CheckContext ctx, RawConnection conn) throws IOException {
        String key = AcceptKeys.newKey(ctx.random());
        conn.send(HandshakeRequest.valid(ctx.target(), key));
        Optional<HttpResponseHead> head = conn.readResponse();
        ctx.require(head.isPresent() && head.get().status() == 101, "101 Switching Protocols to a valid handshake",
                head.map(h -> "it answered " + h.statusLine()).orElse("it closed the connection"));
        ctx.require(head.get().field("sec-websocket-accept").orElse("").equals(AcceptKeys.acceptFor(key)),
                "the right Sec-WebSocket-Accept (lesson 01)", "it was " + head.get().field("sec-websocket-accept").orElse("absent"));
        return new Session(ctx, conn);
    }

    public void send(Frame frame) throws IOException {
        conn.send(frame);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        conn.sendRaw(bytes, 0, bytes.length);
    }

    /**
     * The next message from the server, reassembled from its fragments. Pongs are passed over
     * (and remembered for the failure text); a ping or a close comes back as a message.
     */
    public Optional<Message> readMessage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            Optional<Frame> next = next();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Frame f = next.get();
            if (f.opcode() == Opcode.PONG && opcode == -1) {
                passedOver.add(f);
                continue;
            }
            if (f.opcode() == Opcode.CLOSE || f.opcode() == Opcode.PING || f.opcode() == Opcode.PONG) {
                return Optional.of(new Message(f.opcode(), f.payload()));
            }
            if (opcode == -1) {
                opcode = f.opcode();
            }
            data.writeBytes(f.payload());
            if (f.fin()) {
                return Optional.of(new Message(opcode, data.toByteArray()));
            }
        }
    }

    /** The next message must be {@code opcode} with exactly {@code payload}; pings on the way are passed over (§5.5.2: a MAY). */
    public void expectEcho(int opcode, byte[] payload, String what) throws IOException {
        passedOver.clear();
        String expected = "the " + what + " echoed back: " + Opcode.name(opcode) + " of " + payload.length + " bytes";
        Optional<Message> m;
        try {
            m = readMessage();
            while (m.isPresent() && m.get().opcode() == Opcode.PING) {
                passedOver.add(Frame.of(Opcode.PING, m.get().payload()).unmasked());
                m = readMessage();
            }
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, nothingWithin());
        }
        ctx.require(m.isPresent(), expected, "the server closed the connection" + afterPassedOver());
        Message got = m.get();
        ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), payload), expected,
                "it sent " + got.describe() + afterPassedOver());
    }

    /** The next frame must be a pong carrying {@code payload} (§5.5.2, §5.5.3); the server's own pings are passed over. */
    public void expectPong(byte[] payload) throws IOException {
        passedOver.clear();
        String expected = "a PONG with the ping's " + payload.length + "-byte payload";
        Optional<Frame> f;
        try {
            f = next();
            while (f.isPresent() && f.get().opcode() == Opcode.PING) {
                passedOver.add(f.get());
                f = next();
            }
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, nothingWithin());
        }
        ctx.require(f.isPresent(), expected, "the server closed the connection" + afterPassedOver());
        ctx.require(f.get().opcode() == Opcode.PONG && Arrays.equals(f.get().payload(), payload), expected,
                "it sent " + f.get().describe() + afterPassedOver());
    }

    /**
     * The server must fail the connection (§7.1.7): it MUST close it, and SHOULD send a close frame
     * with one of {@code codes} first. Carrying on, or leaving the connection open, fails; a TCP
     * close without a close frame, or another code, is NON-STRICT.
     */
    public void expectFailure(String why, int... codes) throws IOException {
        expectClosing(CloseFrameRule.SHOULD, why, codes);
    }

    /**
     * The server must close the connection, where the RFC makes the close frame a MAY (§5.1, an
     * unmasked frame): closing is judged, the close frame and its code are only noted.
     */
    public void expectConnectionClosed(String why, int... codes) throws IOException {
        expectClosing(CloseFrameRule.MAY, why, codes);
    }

    private void expectClosing(CloseFrameRule rule, String why, int... codes) throws IOException {
        passedOver.clear();
        String expected = rule == CloseFrameRule.SHOULD
                ? "the connection failed with close " + names(codes) + ": " + why
                : "the connection closed: " + why;
        Answer answer;
        try {
            answer = nextAnswer();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, passedOver.isEmpty()
                    ? "the server neither answered nor closed within " + ctx.timeoutMillis() + " ms"
                    : passedOverList() + " arrived, but no close within " + ctx.timeoutMillis() + " ms");
        }
        judgeClosing(rule, expected, answer, codes);
    }

    /**
     * Whether the server fails the connection within {@code millis}, before the message ends.
     * A timeout is not a verdict: the caller decides what waiting means.
     */
    boolean failsWithin(int millis, String why, int... codes) throws IOException {
        passedOver.clear();
        int before = conn.timeout();
        conn.timeout(millis);
        Answer answer;
        try {
            answer = nextAnswer();
        } catch (SocketTimeoutException e) {
            ctx.transcript().note("no close within " + millis + " ms" + (passedOver.isEmpty() ? "" : "; " + passedOverList() + " arrived"));
            return false;
        } finally {
            conn.timeout(before);
        }
        judgeClosing(CloseFrameRule.SHOULD, "the connection failed with close " + names(codes) + ": " + why, answer, codes);
        return true;
    }

    private void judgeClosing(CloseFrameRule rule, String expected, Answer answer, int... codes) throws IOException {
        if (answer.frame().isEmpty()) {
            if (rule == CloseFrameRule.SHOULD) {
                ctx.should(false, "a close frame with " + names(codes) + " before the TCP connection ends (§7.1.7)",
                        answer.ending() + afterPassedOver());
            } else {
                ctx.info(answer.ending() + afterPassedOver() + "; §5.1 makes the close frame a MAY");
            }
            return;
        }
        Frame f = answer.frame().get();
        ctx.require(f.opcode() == Opcode.CLOSE, expected, "it sent " + f.describe() + afterPassedOver() + " and carried on");
        requireSendableClose(f);
        boolean codeMatches = Arrays.stream(codes).anyMatch(c -> c == f.closeCode());
        String actualCode = f.closeCode() < 0 ? "its close frame had no status code" : "it closed with " + f.closeCode();
        if (rule == CloseFrameRule.SHOULD) {
            ctx.should(codeMatches, "close code " + names(codes) + " (§7.1.7: an appropriate status code)", actualCode);
        } else if (!codeMatches) {
            ctx.info(actualCode + "; §5.1 lets a server send " + names(codes) + " (a MAY)");
        }
        expectTcpClose();
    }

    /**
     * For input the RFC lets a server accept or refuse: the answer is either {@code payload}
     * echoed as {@code opcode}, or a failed connection judged as {@link #expectFailure} judges it.
     * Anything else (another message, silence, TCP left open) fails.
     *
     * @return whether the server echoed
     */
    public boolean expectEchoOrFailure(int opcode, byte[] payload, String what, int... codes) throws IOException {
        passedOver.clear();
        String expected = "the " + what + " echoed back (" + Opcode.name(opcode) + " of " + Payloads.size(payload.length)
                + "), or the connection failed with close " + names(codes);
        Answer answer;
        try {
            answer = nextAnswer();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, nothingWithin());
        }
        if (answer.frame().isEmpty() || answer.frame().get().opcode() == Opcode.CLOSE) {
            judgeClosing(CloseFrameRule.SHOULD, expected, answer, codes);
            return false;
        }
        Frame first = answer.frame().get();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(first.payload());
        boolean fin = first.fin();
        try {
            while (!fin) {
                Optional<Frame> f = next();
                ctx.require(f.isPresent(), expected, "the server closed the connection inside a fragmented message");
                if (f.get().opcode() >= Opcode.CLOSE) {
                    passedOver.add(f.get());
                    continue;
                }
                data.writeBytes(f.get().payload());
                fin = f.get().fin();
            }
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, "the server began a message and did not finish it within " + ctx.timeoutMillis() + " ms");
        }
        Message got = new Message(first.opcode(), data.toByteArray());
        ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), payload), expected,
                "it sent " + got.describe() + afterPassedOver());
        return true;
    }

    /** For INFORMATIONAL cases: notes what the server answered, whatever it was. */
    public void observe(String what) throws IOException {
        passedOver.clear();
        try {
            Optional<Message> m = readMessage();
            ctx.info("the server answered " + what + " with " + m.map(Message::describe).orElse("a TCP close") + afterPassedOver());
        } catch (SocketTimeoutException e) {
            ctx.info("the server did not answer " + what + " within " + ctx.timeoutMillis() + " ms" + afterPassedOver());
        } catch (IOException e) {
            ctx.info("the connection failed after " + what + ": " + e.getMessage());
        }
    }

    /**
     * After the server's close frame: it MUST close TCP (§5.5.1 once both closes are exchanged,
     * §7.1.7 when failing) and MUST NOT send data frames (§5.5.1). Control frames, a second close
     * among them, are allowed there and only noted.
     */
    public void expectTcpClose() throws IOException {
        for (int i = 0; i < MAX_CONTROL_FRAMES_AFTER_CLOSE; i++) {
            Optional<Frame> after;
            try {
                after = next();
            } catch (SocketTimeoutException e) {
                throw new CheckFailed("the server to close TCP after its close frame (§5.5.1, §7.1.7)",
                        "the TCP connection stayed open for " + ctx.timeoutMillis() + " ms");
            } catch (SocketException e) {
                return; // A reset after the close frame still ends the connection.
            }
            if (after.isEmpty()) {
                return;
            }
            Frame f = after.get();
            ctx.require(f.opcode() >= Opcode.CLOSE, "no data frame after the server's close frame (§5.5.1), then the TCP close",
                    "it sent " + f.describe() + " after its close frame");
            if (f.opcode() == Opcode.CLOSE) {
                requireSendableClose(f);
            }
            ctx.info("after its close frame the server sent " + f.describe()
                    + "; §5.5.1 forbids only data frames there");
        }
        throw new CheckFailed("the server to close TCP after its close frame (§5.5.1, §7.1.7)",
                "it sent " + MAX_CONTROL_FRAMES_AFTER_CLOSE + " control frames after its close frame and kept TCP open");
    }

    /**
     * We sent a close; the server MUST answer with a close (§5.5.1) and close TCP. Echoing
     * {@code code} is what endpoints "typically" do, with no keyword: a different code is noted.
     */
    public void expectCloseAnswer(int code) throws IOException {
        passedOver.clear();
        String expected = "a close frame in answer (§5.5.1)";
        Answer answer;
        try {
            answer = nextAnswer();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, nothingWithin());
        }
        ctx.require(answer.frame().isPresent(), expected, answer.ending() + afterPassedOver());
        Frame f = answer.frame().get();
        ctx.require(f.opcode() == Opcode.CLOSE, expected, "it sent " + f.describe() + afterPassedOver());
        requireSendableClose(f);
        if (code > 0 && f.closeCode() != code) {
            ctx.info("the server answered close code " + code + " with " + (f.closeCode() < 0 ? "no code" : f.closeCode())
                    + "; §5.5.1 says endpoints typically echo it, and requires nothing");
        }
        expectTcpClose();
    }

    /** §5.5.1: a close body starts with a 2-byte code; §7.4.1: 1005, 1006 and 1015 are never sent. */
    private void requireSendableClose(Frame f) {
        ctx.require(f.payload().length != 1, "a close frame that is empty or starts with a 2-byte status code (§5.5.1)",
                "the server's close frame carried a single byte");
        int code = f.closeCode();
        ctx.require(code != 1005 && code != 1006 && code != 1015,
                "no close frame carrying 1005, 1006 or 1015, codes an endpoint MUST NOT send (§7.4.1)",
                "the server's close frame carried " + code);
    }

    /** The frame that answers the last thing sent, passing over pings and pongs (both allowed at any time). */
    private Answer nextAnswer() throws IOException {
        try {
            while (true) {
                Optional<Frame> f = next();
                if (f.isEmpty()) {
                    return new Answer(f, "the server closed TCP without a close frame");
                }
                if (f.get().opcode() != Opcode.PING && f.get().opcode() != Opcode.PONG) {
                    return new Answer(f, "");
                }
                passedOver.add(f.get());
            }
        } catch (SocketException e) {
            return new Answer(Optional.empty(), "the connection was reset without a close frame");
        }
    }

    /**
     * The next frame; a server MUST NOT mask (§5.1), nor set reserved bits without an extension,
     * and MUST give the length in the fewest bytes that hold it (§5.2).
     */
    private Optional<Frame> next() throws IOException {
        Optional<Frame> next = conn.readFrame();
        next.ifPresent(f -> {
            ctx.require(!f.masked(), "unmasked frames from the server (RFC 6455 §5.1)", "it sent a masked " + f.describe());
            ctx.require(f.rsv() == 0, "no reserved bits from the server (§5.2)", "it sent " + f.describe());
            int len = f.payload().length;
            int minimalBits = len < 126 ? 7 : len <= 0xFFFF ? 16 : 64;
            ctx.require(conn.lastFrameLengthBits() == minimalBits,
                    "the minimal length encoding from the server: " + minimalBits + " bits for " + Payloads.size(len) + " (§5.2 Payload length)",
                    "it sent " + f.describe() + " with its length in " + conn.lastFrameLengthBits() + " bits");
        });
        return next;
    }

    private String nothingWithin() {
        return (passedOver.isEmpty() ? "nothing" : "only " + passedOverList()) + " arrived within " + ctx.timeoutMillis() + " ms";
    }

    private String afterPassedOver() {
        return passedOver.isEmpty() ? "" : ", after " + passedOverList();
    }

    /** "a PONG (4 bytes) and a PING (0 bytes)": the frames a wait passed over, as evidence. */
    private String passedOverList() {
        List<String> each = passedOver.stream().limit(3)
                .map(f -> "a " + Opcode.name(f.opcode()) + " (" + Payloads.size(f.payload().length) + ")").toList();
        String list = each.size() == 1 ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
        int more = passedOver.size() - each.size();
        return more > 0 ? list + " and " + more + " more control frames" : list;
    }

    private static String names(int... codes) {
        return Arrays.stream(codes).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
    }

    /** The raw connection, for cases that drive frames and timing themselves. */
    public RawConnection connection() {
        return conn;
    }

    @Override
    public void close() {
        conn.close();
    }

    /** How binding the close frame of a failed connection is. */
    private enum CloseFrameRule { SHOULD, MAY }

    /** What answered: a frame, or empty with how the connection ended. */
    private record Answer(Optional<Frame> frame, String ending) {
    }

    /** A reassembled message. */
    public record Message(int opcode, byte[] payload) {
        public String describe() {
            return new Frame(true, 0, opcode, false, payload).describe();
        }
    }
}
