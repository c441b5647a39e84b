package wslab.checks.rfc6455;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import wslab.checks.rfc6455.Answers.Answer;
import wslab.checks.rfc6455.Answers.CloseFrameRule;
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
    /** Between frames sent one by one: each arrives on its own, on a real link and in a simulation. */
    static final Duration FRAME_PAUSE = Duration.ofMillis(1);
    /** The most one write carries when the suite streams a large message. */
    private static final int WRITE_CHUNK = 1 << 20;

    private final CheckContext ctx;
    private final RawConnection conn;
    /** Pings and pongs the current wait passed over: a failure still says they arrived. */
    private final PassedOver passedOver = new PassedOver();
    private final Answers answers;
    /** The payload of a ping sent after a violation: a pong for it means the server went on processing (§7.1.7). */
    private byte[] pingAfterViolation;
    /** A frame read ahead and handed back, for the next wait to start with; null when there is none. */
    private Optional<Frame> pushedBack;

    private Session(CheckContext ctx, RawConnection conn) {
        this.ctx = ctx;
        this.conn = conn;
        this.answers = new Answers(ctx, "server", passedOver, this::next, this::requireNoPongForThePingAfterTheViolation);
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

    /** The frames in one write, so the server finds them all in one read. */
    public void sendTogether(Frame... frames) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Frame f : frames) {
            wire.writeBytes(conn.encode(f));
        }
        byte[] bytes = wire.toByteArray();
        String each = Arrays.stream(frames).map(Frame::describe).collect(Collectors.joining(", "));
        conn.sendEncoded(bytes, 0, bytes.length, frames.length == 1 ? each : "in one write: " + each);
    }

    /**
     * The frames one write each, {@link #FRAME_PAUSE} apart, so each arrives on its own. A server
     * that has failed the connection at one of them may have closed it before the next: the rest
     * is then not sent, and what the server answered stays readable.
     */
    public void sendFrameByFrame(Frame... frames) throws IOException {
        for (int i = 0; i < frames.length; i++) {
            if (i > 0) {
                pause();
            }
            try {
                conn.send(frames[i]);
            } catch (SocketException e) {
                if (i == 0) {
                    throw e;
                }
                ctx.transcript().note("the server had closed the connection (" + e.getMessage() + "); "
                        + (frames.length - i) + " more frames not sent");
                return;
            }
        }
    }

    /**
     * A message in fragments of {@code fragmentSize} bytes, streamed in writes of up to 1 MiB with
     * one transcript line: a 4 MiB message in 64-byte fragments is 65536 frames.
     */
    public void sendInFragments(int opcode, byte[] payload, int fragmentSize) throws IOException {
        int count = Math.max(1, (payload.length + fragmentSize - 1) / fragmentSize);
        ctx.transcript().sent(Opcode.name(opcode) + " message of " + Payloads.size(payload.length) + " in " + count
                + " fragments of " + Payloads.size(Math.min(fragmentSize, payload.length)) + " (frames not listed one by one)");
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            int from = i * fragmentSize;
            byte[] fragment = Arrays.copyOfRange(payload, Math.min(from, payload.length), Math.min(from + fragmentSize, payload.length));
            chunk.writeBytes(conn.encode(Frame.of(i == 0 ? opcode : Opcode.CONTINUATION, fragment).fin(i == count - 1)));
            if (chunk.size() >= WRITE_CHUNK || i == count - 1) {
                byte[] bytes = chunk.toByteArray();
                conn.sendEncoded(bytes, 0, bytes.length, Payloads.size(bytes.length) + " of those frames");
                chunk.reset();
            }
        }
    }

    /**
     * The frames' bytes in writes of {@code chop} bytes each (the last may be shorter), as TCP
     * segments that arrive apart. A real socket sends each write at once (TCP_NODELAY); a
     * simulation hands over a thread's writes together unless time passes, so there they go a
     * virtual microsecond apart. A server that fails the connection midway may close it first:
     * the rest is then not sent.
     */
    public void sendInChops(int chop, Frame... frames) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Frame f : frames) {
            wire.writeBytes(conn.encode(f));
        }
        byte[] bytes = wire.toByteArray();
        String each = frames.length > 3 ? frames.length + " frames" : Arrays.stream(frames).map(Frame::describe).collect(Collectors.joining(", "));
        ctx.transcript().sent("in writes of " + Payloads.size(chop) + ": " + each);
        conn.logFrames(false);
        try {
            for (int at = 0; at < bytes.length; at += chop) {
                if (at > 0 && ctx.virtualTime()) {
                    pause(Duration.ofNanos(1000));
                }
                try {
                    conn.sendEncoded(bytes, at, Math.min(chop, bytes.length - at), "");
                } catch (SocketException e) {
                    if (at == 0) {
                        throw e;
                    }
                    ctx.transcript().note("the server had closed the connection (" + e.getMessage() + ") after "
                            + Payloads.size(at) + " of " + Payloads.size(bytes.length) + "; the rest not sent");
                    return;
                }
            }
        } finally {
            conn.logFrames(true);
        }
    }

    /**
     * The slicer delay that makes each slice its own arrival: none on a real link, where the proxy
     * writes each slice on its own; a microsecond in a simulation, which hands over writes of the
     * same instant together.
     */
    static long sliceDelayMicros(CheckContext ctx) {
        return ctx.virtualTime() ? 1 : 0;
    }

    void pause() throws IOException {
        pause(FRAME_PAUSE);
    }

    private void pause(Duration d) throws IOException {
        try {
            ctx.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted between frames");
        }
    }

    /**
     * Marks {@code payload} as a ping sent after a violation: while the connection fails, a pong
     * carrying it means the server went on processing what followed the bad frame (§7.1.7).
     */
    public void noPongFor(byte[] payload) {
        this.pingAfterViolation = payload.clone();
    }

    private void requireNoPongForThePingAfterTheViolation(Frame f) {
        ctx.require(pingAfterViolation == null || f.opcode() != Opcode.PONG || !Arrays.equals(f.payload(), pingAfterViolation),
                "no PONG for the ping sent after the bad frame: failing the connection ends all processing (§7.1.7)", () ->
                "it answered that ping with " + f.describe());
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
            if (opcode == -1 && f.fin()) {
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
            throw new CheckFailed(expected, passedOver.nothingWithin(ctx.timeoutMillis()));
        }
        ctx.require(m.isPresent(), expected, "the server closed the connection" + passedOver.after());
        Message got = m.get();
        ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), payload), expected, () ->
                "it sent " + got.describe() + passedOver.after());
    }

    /** The next frame must be a pong carrying {@code payload} (§5.5.2, §5.5.3); the server's own pings are passed over. */
    public void expectPong(byte[] payload) throws IOException {
        passedOver.clear();
        String expected = "a PONG with the ping's " + payload.length + "-byte payload";
        Optional<Frame> f;
        try {
            f = answers.nextPassingOverPings();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, passedOver.nothingWithin(ctx.timeoutMillis()));
        }
        ctx.require(f.isPresent(), expected, "the server closed the connection" + passedOver.after());
        Frame got = f.get();
        ctx.require(got.opcode() == Opcode.PONG && Arrays.equals(got.payload(), payload), expected, () ->
                "it sent " + got.describe() + passedOver.after());
    }

    /**
     * A ping sent inside a fragmented message gets its pong (§5.5.2 MUST) and the message its echo.
     * Both orders pass the MUST; the echo first is NON-STRICT: the server read the ping before the
     * message's end and §5.5.2 asks for the pong "as soon as is practical" (a SHOULD). Pongs for
     * earlier pings, which §5.5.3 lets a server skip, are passed over.
     */
    public void expectPongAndEcho(byte[] ping, int opcode, byte[] payload, String what) throws IOException {
        passedOver.clear();
        String expected = "a PONG with the ping's " + ping.length + "-byte payload, and the " + what + " echoed back: "
                + Opcode.name(opcode) + " of " + Payloads.size(payload.length);
        boolean ponged = false;
        boolean echoed = false;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int messageOpcode = -1;
        while (!(ponged && echoed)) {
            Optional<Frame> next;
            try {
                next = next();
            } catch (SocketTimeoutException e) {
                throw new CheckFailed(expected, (ponged ? "the pong came, then " : echoed ? "the echo came, then " : "")
                        + passedOver.nothingWithin(ctx.timeoutMillis()));
            }
            ctx.require(next.isPresent(), expected, "the server closed the connection" + (ponged ? " after the pong" : echoed ? " after the echo" : "")
                    + passedOver.after());
            Frame f = next.get();
            if (f.opcode() == Opcode.PONG && !ponged && Arrays.equals(f.payload(), ping)) {
                ponged = true;
                ctx.should(!echoed, "the pong before the message's echo: the ping came first, and §5.5.2 asks for a pong as soon as is practical",
                        "the pong came after the echo");
                continue;
            }
            if (f.opcode() == Opcode.PING || f.opcode() == Opcode.PONG) {
                passedOver.add(f);
                continue;
            }
            String afterEcho = echoed ? " after the echo, and no pong" : "";
            ctx.require(f.opcode() != Opcode.CLOSE && !echoed, expected, () -> "it sent " + f.describe() + afterEcho + passedOver.after());
            if (messageOpcode == -1) {
                messageOpcode = f.opcode();
            }
            data.writeBytes(f.payload());
            if (f.fin()) {
                Message got = new Message(messageOpcode, data.toByteArray());
                ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), payload), expected, () ->
                        "it sent " + got.describe() + passedOver.after());
                echoed = true;
            }
        }
    }

    /**
     * The pong for a ping sent while a message is unfinished comes before the suite sends the rest:
     * §5.5.2 asks for it "as soon as is practical" (a SHOULD), so waiting for the message's end is
     * NON-STRICT; anything but a pong (a close, a message) fails.
     */
    public void expectPongWhileTheMessageIsUnfinished(byte[] ping) throws IOException {
        passedOver.clear();
        String expected = "a PONG with the ping's " + ping.length + "-byte payload while the message is unfinished";
        while (true) {
            Optional<Frame> next;
            try {
                next = next();
            } catch (SocketTimeoutException e) {
                ctx.should(false, expected + " (§5.5.2: as soon as is practical)",
                        passedOver.nothingWithin(ctx.timeoutMillis()) + ", before the rest of the message");
                return;
            }
            ctx.require(next.isPresent(), expected, "the server closed the connection" + passedOver.after());
            Frame f = next.get();
            if (f.opcode() == Opcode.PONG && Arrays.equals(f.payload(), ping)) {
                return;
            }
            ctx.require(f.opcode() == Opcode.PING || f.opcode() == Opcode.PONG, expected, () -> "it sent " + f.describe() + passedOver.after());
            passedOver.add(f);
        }
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
        String expected = rule == CloseFrameRule.SHOULD
                ? "the connection failed with close " + Answers.anyOf(codes) + ": " + why
                : "the connection closed: " + why;
        if (answers.expectClosing(rule, expected, codes).isPresent()) {
            expectTcpClose();
        }
    }

    /**
     * Whether the server fails the connection within {@code millis}, before the message ends.
     * A timeout is not a verdict: the caller decides what waiting means. For bytes the suite
     * cannot follow with a frame (the middle of a frame); elsewhere {@link #failsBeforeItAnswers}
     * decides without a timer.
     */
    boolean failsWithin(int millis, String why, int... codes) throws IOException {
        passedOver.clear();
        int before = conn.timeout();
        conn.timeout(millis);
        Answer answer;
        try {
            answer = answers.next();
        } catch (SocketTimeoutException e) {
            ctx.transcript().note("no close within " + millis + " ms" + (passedOver.isEmpty() ? "" : "; " + passedOver.list() + " arrived"));
            return false;
        } finally {
            conn.timeout(before);
        }
        judgeClosing(CloseFrameRule.SHOULD, "the connection failed with close " + Answers.anyOf(codes) + ": " + why, answer, codes);
        return true;
    }

    /**
     * Whether the server fails the connection before it answers a ping sent now, behind the bytes
     * in question. A server reads in order, so its pong says it read past them without failing:
     * the answer comes at once either way. Only a server that neither fails nor answers pings
     * makes the suite wait, {@code millis} at most. Not a verdict: the caller decides.
     */
    boolean failsBeforeItAnswers(byte[] ping, int millis, String why, int... codes) throws IOException {
        send(Frame.of(Opcode.PING, ping));
        passedOver.clear();
        int before = conn.timeout();
        conn.timeout(millis);
        Answer answer;
        try {
            while (true) {
                Optional<Frame> f;
                try {
                    f = next();
                } catch (SocketException e) {
                    answer = new Answer(Optional.empty(), "the connection was reset without a close frame");
                    break;
                }
                if (f.isEmpty()) {
                    answer = new Answer(f, "the server closed TCP without a close frame");
                    break;
                }
                if (f.get().opcode() == Opcode.PONG && Arrays.equals(f.get().payload(), ping)) {
                    ctx.transcript().note("the server answered the ping sent after those bytes: it read past them without failing");
                    return false;
                }
                if (f.get().opcode() != Opcode.PING && f.get().opcode() != Opcode.PONG) {
                    answer = new Answer(f, "");
                    break;
                }
                passedOver.add(f.get());
            }
        } catch (SocketTimeoutException e) {
            ctx.transcript().note("neither a close nor a pong within " + millis + " ms");
            return false;
        } finally {
            conn.timeout(before);
        }
        judgeClosing(CloseFrameRule.SHOULD, "the connection failed with close " + Answers.anyOf(codes) + ": " + why, answer, codes);
        return true;
    }

    /** A server that sent its close frame must then close TCP (§7.1.7). */
    private void judgeClosing(CloseFrameRule rule, String expected, Answer answer, int... codes) throws IOException {
        if (answers.judgeClosing(rule, expected, answer, codes).isPresent()) {
            expectTcpClose();
        }
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
                + "), or the connection failed with close " + Answers.anyOf(codes);
        Answer answer;
        try {
            answer = answers.next();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, passedOver.nothingWithin(ctx.timeoutMillis()));
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
        ctx.require(got.opcode() == opcode && Arrays.equals(got.payload(), payload), expected, () ->
                "it sent " + got.describe() + passedOver.after());
        return true;
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
            ctx.require(f.opcode() >= Opcode.CLOSE, "no data frame after the server's close frame (§5.5.1), then the TCP close", () ->
                    "it sent " + f.describe() + " after its close frame");
            if (f.opcode() == Opcode.CLOSE) {
                answers.requireSendableClose(f);
            }
            requireNoPongForThePingAfterTheViolation(f);
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
        answers.expectCloseAnswer(code);
        expectTcpClose();
    }

    /**
     * Reads the echoes of {@code messages} that come before the server's close frame, which is left
     * for {@link #expectCloseAnswer}: each must be whole and in the order sent; pings and pongs are
     * passed over. Returns how many came.
     */
    public int echoesBeforeTheClose(int opcode, byte[]... messages) throws IOException {
        passedOver.clear();
        int count = 0;
        while (count < messages.length) {
            Optional<Frame> f;
            try {
                f = next();
            } catch (SocketTimeoutException e) {
                throw new CheckFailed(Answers.CLOSE_ANSWER, passedOver.nothingWithin(ctx.timeoutMillis()));
            }
            if (f.isEmpty() || f.get().opcode() == Opcode.CLOSE) {
                pushedBack = f;
                return count;
            }
            if (f.get().opcode() == Opcode.PING || f.get().opcode() == Opcode.PONG) {
                passedOver.add(f.get());
                continue;
            }
            pushedBack = f;
            expectEcho(opcode, messages[count], "message " + (count + 1) + " of " + messages.length + ", in order");
            count++;
        }
        return count;
    }

    /**
     * The next frame; a server MUST NOT mask (§5.1), nor set reserved bits without an extension,
     * and MUST give the length in the fewest bytes that hold it (§5.2).
     */
    private Optional<Frame> next() throws IOException {
        if (pushedBack != null) {
            Optional<Frame> f = pushedBack;
            pushedBack = null;
            return f;
        }
        Optional<Frame> next = conn.readFrame();
        next.ifPresent(f -> {
            ctx.require(!f.masked(), "unmasked frames from the server (RFC 6455 §5.1)", () -> "it sent a masked " + f.describe());
            ctx.require(f.rsv() == 0, "no reserved bits from the server (§5.2)", () -> "it sent " + f.describe());
            int len = f.payload().length;
            int minimalBits = Frame.minimalLengthBits(len);
            ctx.require(conn.lastFrameLengthBits() == minimalBits,
                    "the minimal length encoding from the server: " + minimalBits + " bits for " + Payloads.size(len) + " (§5.2 Payload length)", () ->
                    "it sent " + f.describe() + " with its length in " + conn.lastFrameLengthBits() + " bits");
        });
        return next;
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
