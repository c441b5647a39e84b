package wslab.checks.rfc6455client;

import java.util.List;

import wslab.checks.rfc6455.Payloads;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/** RFC 6455 §5.1 and §5.3 from the client's side: a server never masks; a client always does, with a fresh key. */
@LessonChecks("02c")
class MaskingCases {

    @Check(id = "rfc6455-client/5.1/1", spec = "RFC 6455 §5.1",
            title = "A masked text frame from the server makes the client close the connection")
    void closesOnAMaskedText(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.masked(Frames.text("hello")));
            s.expectConnectionClosed("a client MUST close a connection on a masked frame", 1002);
        }
    }

    @Check(id = "rfc6455-client/5.1/2", spec = "RFC 6455 §5.1",
            title = "A masked binary frame from the server makes the client close the connection")
    void closesOnAMaskedBinary(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.masked(Frames.of(Opcode.BINARY, Payloads.binary(16))));
            s.expectConnectionClosed("a client MUST close a connection on a masked frame", 1002);
        }
    }

    @Check(id = "rfc6455-client/5.1/3", spec = "RFC 6455 §5.1",
            title = "A masked ping from the server makes the client close the connection")
    void closesOnAMaskedPing(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            s.send(Frames.masked(Frames.of(Opcode.PING, Payloads.utf8("ping"))));
            s.expectConnectionClosed("a client MUST close a connection on a masked frame", 1002);
        }
    }

    @Check(id = "rfc6455-client/5.1/4", spec = "RFC 6455 §5.1",
            title = "A text message whose second fragment is masked makes the client close the connection")
    void closesOnAMaskedContinuation(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            Frame[] parts = Frames.fragments(Opcode.TEXT, Payloads.utf8("Hel"), Payloads.utf8("lo"));
            s.sendAll(parts[0], Frames.masked(parts[1]));
            s.expectConnectionClosed("a client MUST close a connection on a masked frame", 1002);
        }
    }

    @Check(id = "rfc6455-client/5.3/1", spec = "RFC 6455 §5.3",
            title = "The client picks a fresh masking key for each frame: four echoed messages do not all carry the same key")
    void picksAFreshKeyPerFrame(CheckContext ctx) throws Exception {
        try (ClientSession s = ClientSession.open(ctx)) {
            List<String> words = List.of("one", "two", "three", "four");
            for (String w : words) {
                s.send(Frames.text(w));
                s.expectEcho(Opcode.TEXT, Payloads.utf8(w), "text message '" + w + "'");
            }
            List<String> keys = s.maskKeys();
            ctx.require(keys.stream().distinct().count() > 1,
                    "a fresh masking key for each frame (§5.3: the client MUST pick a fresh key from the allowed 32-bit"
                            + " values); a key that repeats across every frame is not one",
                    "all " + keys.size() + " frames carried the key " + keys.get(0));
        }
    }
}
