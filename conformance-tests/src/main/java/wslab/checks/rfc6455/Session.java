package wslab.checks.rfc6455;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
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

    private final CheckContext ctx;
    private final RawConnection conn;

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

    /** The next message from the server, reassembled from its fragments; pongs are skipped. */
    public Optional<Message> readMessage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            Optional<Frame> next = conn.readFrame();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Frame f = next.get();
            ctx.require(!f.masked(), "unmasked frames from the server (RFC 6455 §5.1)", "it sent a masked " + f.describe());
            ctx.require(f.rsv() == 0, "no reserved bits from the server (§5.2)", "it sent " + f.describe());
            if (f.opcode() == Opcode.PONG && opcode == -1) {
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

    /** The next message must be {@code opcode} with exactly {@code payload}. */
    public void expectEcho(int opcode, byte[] payload, String what) throws IOException {
        Optional<Message> m;
        try {
            m = readMessage();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed("the " + what + " echoed back", nothingWithin());
        }
        ctx.require(m.isPresent(), "the " + what + " echoed back", "the server closed the connection");
        Message got = m.get();
        ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), payload),
                "the " + what + " echoed back: " + Opcode.name(opcode) + " of " + payload.length + " bytes",
                "it sent " + got.describe());
    }

    /** The next message must be a pong carrying {@code payload} (§5.5.3). */
    public void expectPong(byte[] payload) throws IOException {
        Optional<Frame> f;
        try {
            f = conn.readFrame();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed("a PONG with the ping's " + payload.length + "-byte payload", nothingWithin());
        }
        ctx.require(f.isPresent(), "a PONG with the ping's " + payload.length + "-byte payload",
                "the server closed the connection");
        ctx.require(f.get().opcode() == Opcode.PONG && Arrays.equals(f.get().payload(), payload),
                "a PONG with the ping's " + payload.length + "-byte payload", "it sent " + f.get().describe());
    }

    /**
     * §7.1.7: the server must fail the connection. A close frame with one of {@code codes} is OK;
     * another code, or a TCP close without a close frame, is NON-STRICT (the RFC says SHOULD);
     * echoing, or carrying on, fails.
     */
    public void expectFailure(String why, int... codes) throws IOException {
        expectFailure(false, why, codes);
    }

    /**
     * As {@link #expectFailure(String, int...)}, but the close code is a MUST: used where the
     * offending frame is itself a close, so an ordinary close answer would not be a failure at all.
     */
    void expectFailureWithCode(String why, int... codes) throws IOException {
        expectFailure(true, why, codes);
    }

    private void expectFailure(boolean codeRequired, String why, int... codes) throws IOException {
        Set<Integer> wanted = Arrays.stream(codes).boxed().collect(Collectors.toSet());
        String names = Arrays.stream(codes).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
        Optional<Frame> f;
        try {
            f = readSkippingPongs();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed("the connection failed with close " + names + ": " + why,
                    "the server neither answered nor closed within " + ctx.timeoutMillis() + " ms");
        } catch (SocketException e) {
            ctx.should(false, "a close frame with " + names + " before the TCP connection ends", "the connection was reset");
            return;
        }
        if (f.isEmpty()) {
            ctx.should(false, "a close frame with " + names + " before the TCP connection ends",
                    "the server closed TCP without a close frame");
            return;
        }
        ctx.require(f.get().opcode() == Opcode.CLOSE, "the connection failed with close " + names + ": " + why,
                "it sent " + f.get().describe() + " and carried on");
        if (codeRequired) {
            ctx.require(wanted.contains(f.get().closeCode()), "close code " + names + ": " + why,
                    "it answered with an ordinary close, code " + f.get().closeCode());
        } else {
            ctx.should(wanted.contains(f.get().closeCode()), "close code " + names, "it closed with " + f.get().closeCode());
        }
        expectTcpClose();
    }

    /**
     * Whether the server fails the connection within {@code millis}, before the message ends.
     * A timeout is not a verdict: the caller decides what waiting means.
     */
    boolean failsWithin(int millis, String why, int... codes) throws IOException {
        int before = conn.timeout();
        conn.timeout(millis);
        Optional<Frame> f;
        try {
            f = readSkippingPongs();
        } catch (SocketTimeoutException e) {
            ctx.transcript().note("no close within " + millis + " ms");
            return false;
        } catch (SocketException e) {
            ctx.should(false, "a close frame before the TCP connection ends", "the connection was reset");
            return true;
        } finally {
            conn.timeout(before);
        }
        if (f.isEmpty()) {
            ctx.should(false, "a close frame before the TCP connection ends", "the server closed TCP without a close frame");
            return true;
        }
        String names = Arrays.stream(codes).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
        ctx.require(f.get().opcode() == Opcode.CLOSE, "the connection failed with close " + names + ": " + why,
                "it sent " + f.get().describe() + " and carried on");
        ctx.should(Arrays.stream(codes).anyMatch(c -> c == f.get().closeCode()), "close code " + names,
                "it closed with " + f.get().closeCode());
        expectTcpClose();
        return true;
    }

    /** For INFORMATIONAL cases: notes what the server answered, whatever it was. */
    public void observe(String what) throws IOException {
        try {
            Optional<Message> m = readMessage();
            ctx.info("the server answered " + what + " with " + m.map(Message::describe).orElse("a TCP close"));
        } catch (SocketTimeoutException e) {
            ctx.info("the server did not answer " + what + " within " + ctx.timeoutMillis() + " ms");
        } catch (IOException e) {
            ctx.info("the connection failed after " + what + ": " + e.getMessage());
        }
    }

    /** §5.5.1: after a close is answered with a close, the server closes TCP. */
    public void expectTcpClose() throws IOException {
        try {
            Optional<Frame> after = conn.readFrame();
            ctx.require(after.isEmpty(), "nothing after the close frame, then the TCP close (§5.5.1)",
                    "it sent " + after.map(Frame::describe).orElse(""));
        } catch (SocketTimeoutException e) {
            ctx.should(false, "the server to close TCP after the closing handshake (§7.1.1)",
                    "the TCP connection stayed open for " + ctx.timeoutMillis() + " ms");
        } catch (SocketException e) {
            // A reset after the close frame still ends the connection.
        }
    }

    /** We sent a close; the server must answer with a close (echoing {@code code} where one was sent) and close TCP. */
    public void expectCloseAnswer(int code) throws IOException {
        Optional<Frame> f;
        try {
            f = readSkippingPongs();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed("a close frame in answer (§5.5.1)", nothingWithin());
        }
        ctx.require(f.isPresent() && f.get().opcode() == Opcode.CLOSE, "a close frame in answer (§5.5.1)",
                f.map(fr -> "it sent " + fr.describe()).orElse("it closed TCP without a close frame"));
        if (code > 0) {
            ctx.should(f.get().closeCode() == code, "the close code " + code + " echoed (§5.5.1)",
                    "it answered with " + f.get().closeCode());
        }
        expectTcpClose();
    }

    private String nothingWithin() {
        return "nothing arrived within " + ctx.timeoutMillis() + " ms";
    }

    private Optional<Frame> readSkippingPongs() throws IOException {
        while (true) {
            Optional<Frame> f = conn.readFrame();
            if (f.isEmpty() || f.get().opcode() != Opcode.PONG) {
                return f;
            }
        }
    }

    /** The raw connection, for cases that drive frames and timing themselves. */
    public RawConnection connection() {
        return conn;
    }

    @Override
    public void close() {
        conn.close();
    }

    /** A reassembled message. */
    public record Message(int opcode, byte[] payload) {
        public String describe() {
            return new Frame(true, 0, opcode, false, payload).describe();
        }
    }
}
