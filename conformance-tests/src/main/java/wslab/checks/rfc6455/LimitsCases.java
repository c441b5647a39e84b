package wslab.checks.rfc6455;

import java.io.IOException;

import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/** RFC 6455 §10.4: bursts and large messages, scaled to finish quickly on two cores. */
@LessonChecks("02")
class LimitsCases {

    @Check(id = "rfc6455/10.4/1", spec = "RFC 6455 §5.6, §10.4",
            title = "1000 text messages sent back to back are all echoed, in order")
    void echoesABurstInOrder(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            for (int i = 0; i < 1000; i++) {
                s.send(Frame.text("message " + i));
            }
            for (int i = 0; i < 1000; i++) {
                s.expectEcho(Opcode.TEXT, Payloads.utf8("message " + i), "message " + i + " of 1000, in order");
            }
        }
    }

    @Check(id = "rfc6455/10.4/2", spec = "RFC 6455 §5.6, §10.4",
            title = "100 binary messages of 64 KiB are all echoed intact, in order")
    void echoesManyLargeMessages(CheckContext ctx) throws IOException {
        try (Session s = Session.open(ctx)) {
            for (int i = 0; i < 100; i++) {
                byte[] payload = Payloads.binary(64 * 1024);
                payload[0] = (byte) i;
                s.send(Frame.of(Opcode.BINARY, payload));
                s.expectEcho(Opcode.BINARY, payload, "64 KiB message " + i);
            }
        }
    }

    @Check(id = "rfc6455/10.4/3", spec = "RFC 6455 §5.4, §10.4",
            title = "A 1 MiB text message in 1024 fragments is echoed as one message")
    void echoesAMessageInManyFragments(CheckContext ctx) throws IOException {
        byte[] payload = Payloads.text(1 << 20);
        try (Session s = Session.open(ctx)) {
            Sender.fragmented(s, Opcode.TEXT, Payloads.split(payload, 1024));
            s.expectEcho(Opcode.TEXT, payload, "1 MiB message in 1024 fragments");
        }
    }
}
