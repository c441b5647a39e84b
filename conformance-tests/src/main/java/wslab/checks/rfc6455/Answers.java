package wslab.checks.rfc6455;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import wslab.grader.CheckContext;
import wslab.grader.CheckFailed;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/**
 * How an endpoint under test answers, read and judged alike for a server (the server cases) and
 * a client (the client cases): the frame that answers past the control frames on the way, whether
 * a close is one an endpoint may send (§5.5.1, §7.4.1), and its code against those a case allows
 * (§7.1.7). What follows a close frame depends on the role, and stays in each session: a server
 * closes TCP, a client waits for the server to.
 */
public final class Answers {

    /** How binding the close frame of a failed connection is. */
    public enum CloseFrameRule { SHOULD, MAY }

    /** What answered: a frame, or empty with how the connection ended. */
    public record Answer(Optional<Frame> frame, String ending) {
    }

    /** The endpoint's next frame, read and judged by its session's rules; empty at the TCP close. */
    @FunctionalInterface
    public interface FrameSource {
        Optional<Frame> next() throws IOException;
    }

    /** What a close the suite sent must get back. */
    static final String CLOSE_ANSWER = "a close frame in answer (§5.5.1)";

    private final CheckContext ctx;
    /** "server" or "client": the endpoint the texts speak of. */
    private final String endpoint;
    private final PassedOver passedOver;
    private final FrameSource frames;
    /** Judges each ping and pong an answer passes over, before it is passed over. */
    private final Consumer<Frame> passing;

    public Answers(CheckContext ctx, String endpoint, PassedOver passedOver, FrameSource frames, Consumer<Frame> passing) {
        this.ctx = ctx;
        this.endpoint = endpoint;
        this.passedOver = passedOver;
        this.frames = frames;
        this.passing = passing;
    }

    /** The frame that answers the last thing sent, passing over pings and pongs (both allowed at any time). */
    public Answer next() throws IOException {
        try {
            while (true) {
                Optional<Frame> f = frames.next();
                if (f.isEmpty()) {
                    return new Answer(f, "the " + endpoint + " closed TCP without a close frame");
                }
                if (f.get().opcode() != Opcode.PING && f.get().opcode() != Opcode.PONG) {
                    return new Answer(f, "");
                }
                passing.accept(f.get());
                passedOver.add(f.get());
            }
        } catch (SocketException e) {
            return new Answer(Optional.empty(), "the connection was reset without a close frame");
        }
    }

    /** The next frame that is not a ping: a wait for a pong passes over the endpoint's own pings. */
    public Optional<Frame> nextPassingOverPings() throws IOException {
        Optional<Frame> f = frames.next();
        while (f.isPresent() && f.get().opcode() == Opcode.PING) {
            passedOver.add(f.get());
            f = frames.next();
        }
        return f;
    }

    /**
     * The endpoint must fail or close the connection now: anything but a close frame fails; no
     * close frame at all, or a code not in {@code codes}, is NON-STRICT under {@code SHOULD} and
     * only noted under {@code MAY}.
     *
     * @return the close frame, for the session to go on as its role does; empty if none came
     */
    public Optional<Frame> expectClosing(CloseFrameRule rule, String expected, int... codes) throws IOException {
        passedOver.clear();
        Answer answer;
        try {
            answer = next();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(expected, passedOver.isEmpty()
                    ? "the " + endpoint + " neither answered nor closed within " + ctx.timeoutMillis() + " ms"
                    : passedOver.list() + " arrived, but no close within " + ctx.timeoutMillis() + " ms");
        }
        return judgeClosing(rule, expected, answer, codes);
    }

    /** {@link #expectClosing}'s verdict on an answer already read. */
    public Optional<Frame> judgeClosing(CloseFrameRule rule, String expected, Answer answer, int... codes) {
        if (answer.frame().isEmpty()) {
            if (rule == CloseFrameRule.SHOULD) {
                ctx.should(false, "a close frame with " + anyOf(codes) + " before the TCP connection ends (§7.1.7)",
                        answer.ending() + passedOver.after());
            } else {
                ctx.info(answer.ending() + passedOver.after() + "; §5.1 makes the close frame a MAY");
            }
            return Optional.empty();
        }
        Frame f = answer.frame().get();
        ctx.require(f.opcode() == Opcode.CLOSE, expected, () -> "it sent " + f.describe() + passedOver.after() + " and carried on");
        requireSendableClose(f);
        boolean codeMatches = Arrays.stream(codes).anyMatch(c -> c == f.closeCode());
        String actualCode = f.closeCode() < 0 ? "its close frame had no status code" : "it closed with " + f.closeCode();
        if (rule == CloseFrameRule.SHOULD) {
            ctx.should(codeMatches, "close code " + anyOf(codes) + " (§7.1.7: an appropriate status code)", actualCode);
        } else if (!codeMatches) {
            ctx.info(actualCode + "; §5.1 lets a " + endpoint + " send " + anyOf(codes) + " (a MAY)");
        }
        return Optional.of(f);
    }

    /**
     * The suite sent a close: the endpoint MUST answer with a close (§5.5.1). Echoing {@code code}
     * is what endpoints "typically" do, with no keyword: a different code is noted.
     */
    public void expectCloseAnswer(int code) throws IOException {
        passedOver.clear();
        Answer answer;
        try {
            answer = next();
        } catch (SocketTimeoutException e) {
            throw new CheckFailed(CLOSE_ANSWER, passedOver.nothingWithin(ctx.timeoutMillis()));
        }
        ctx.require(answer.frame().isPresent(), CLOSE_ANSWER, answer.ending() + passedOver.after());
        Frame f = answer.frame().get();
        ctx.require(f.opcode() == Opcode.CLOSE, CLOSE_ANSWER, () -> "it sent " + f.describe() + passedOver.after());
        requireSendableClose(f);
        if (code > 0 && f.closeCode() != code) {
            ctx.info("the " + endpoint + " answered close code " + code + " with " + (f.closeCode() < 0 ? "no code" : f.closeCode())
                    + "; §5.5.1 says endpoints typically echo it, and requires nothing");
        }
    }

    /** §5.5.1: a close body starts with a 2-byte code; §7.4.1: 1005, 1006 and 1015 are never sent. */
    public void requireSendableClose(Frame f) {
        ctx.require(f.payload().length != 1, "a close frame that is empty or starts with a 2-byte status code (§5.5.1)",
                "the " + endpoint + "'s close frame carried a single byte");
        int code = f.closeCode();
        ctx.require(code != 1005 && code != 1006 && code != 1015,
                "no close frame carrying 1005, 1006 or 1015, codes an endpoint MUST NOT send (§7.4.1)",
                "the " + endpoint + "'s close frame carried " + code);
    }

    /** "1002 or 1007": the codes a case allows, as its texts list them. */
    public static String anyOf(int... codes) {
        return Arrays.stream(codes).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
    }
}
