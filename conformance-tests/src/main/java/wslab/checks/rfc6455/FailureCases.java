package wslab.checks.rfc6455;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.provider.MethodSource;
import wslab.grader.Case;
import wslab.grader.CheckCases;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/**
 * RFC 6455 §7.1.7: once a server must fail the connection it "MUST NOT continue to attempt to
 * process data". Valid traffic, a violation and a ping reach it together: what came before the
 * violation is answered, the ping behind it is not.
 */
@LessonChecks("02")
class FailureCases {

    /**
     * @param before the valid frames sent first, and the message they make, echoed before the failure
     * @param bad    the violation, with whatever frames belong to it
     */
    record Mixed(Frame[] before, byte[] echo, Frame[] bad, Delivery delivery) {
    }

    static final byte[] PING_AFTER = Payloads.utf8("after the bad frame");
    static final List<Case<Mixed>> MIXED = new ArrayList<>();

    static {
        byte[] hello = Payloads.utf8("Hello, world!");
        Frame[] message = {Frame.of(Opcode.TEXT, hello)};
        Delivery[] deliveries = Delivery.values();
        int n = 1;
        int[] rsv = {2, 3, 4};
        for (int i = 0; i < deliveries.length; i++) {
            MIXED.add(mixed(n++, "a TEXT frame with RSV bits " + bits(rsv[i]), "RFC 6455 §5.2 RSV1-3, §7.1.7",
                    new Mixed(message, hello, new Frame[] {Frame.of(Opcode.TEXT, hello).rsv(rsv[i])}, deliveries[i])));
        }
        int[][] opcodes = {{0x5, 0x6, 0x7}, {0xD, 0xE, 0xF}};
        for (int[] kind : opcodes) {
            for (int i = 0; i < deliveries.length; i++) {
                byte[] payload = i == 0 ? new byte[0] : hello;
                MIXED.add(mixed(n++, "a frame with reserved " + (kind[0] > 0x7 ? "control " : "") + "opcode 0x"
                        + Integer.toHexString(kind[i]).toUpperCase(), "RFC 6455 §5.2 Opcode, §7.1.7",
                        new Mixed(message, hello, new Frame[] {Frame.of(kind[i], payload)}, deliveries[i])));
            }
        }
        Frame[] fragmented = {Frame.of(Opcode.TEXT, Payloads.utf8("fragment1")).fin(false),
            Frame.of(Opcode.CONTINUATION, Payloads.utf8("fragment2"))};
        Frame[] stray = {Frame.of(Opcode.CONTINUATION, Payloads.utf8("fragment3")).fin(false),
            Frame.of(Opcode.TEXT, Payloads.utf8("fragment4"))};
        for (Delivery d : deliveries) {
            MIXED.add(Case.of("rfc6455/7.1.7/" + n++, "A text message in two fragments, a continuation with no message to continue,"
                    + " a text message and a ping, " + d.words + ": the message is echoed, the connection fails with 1002"
                    + " and the ping gets no pong", "RFC 6455 §5.4, §10.7, §7.1.7",
                    new Mixed(fragmented, Payloads.utf8("fragment1fragment2"), stray, d), d.faults()));
        }
    }

    private static Case<Mixed> mixed(int n, String violation, String spec, Mixed m) {
        return Case.of("rfc6455/7.1.7/" + n, "A text message, " + violation + " and a ping, " + m.delivery().words
                + ": the message is echoed, the connection fails with 1002 and the ping gets no pong", spec, m, m.delivery().faults());
    }

    private static String bits(int rsv) {
        return String.format("%3s", Integer.toBinaryString(rsv)).replace(' ', '0');
    }

    static List<Case<Mixed>> mixed() {
        return MIXED;
    }

    @CheckCases("rfc6455/7.1.7/1")
    @MethodSource("mixed")
    void answersWhatCameBeforeAViolationAndNothingAfter(Case<Mixed> c, CheckContext ctx) throws IOException {
        Mixed m = c.input();
        List<Frame> frames = new ArrayList<>(Arrays.asList(m.before()));
        frames.addAll(Arrays.asList(m.bad()));
        frames.add(Frame.of(Opcode.PING, PING_AFTER));
        try (Session s = m.delivery().open(ctx)) {
            m.delivery().send(s, frames.toArray(Frame[]::new));
            s.expectEcho(Opcode.TEXT, m.echo(), "text message sent before the bad frame");
            s.noPongFor(PING_AFTER);
            s.expectFailure(c.info().title(), 1002);
        }
    }
}
