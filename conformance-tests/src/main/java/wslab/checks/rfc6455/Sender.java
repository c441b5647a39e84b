package wslab.checks.rfc6455;

import java.io.IOException;

import wslab.wire.Frame;
import wslab.wire.Opcode;

/** Sends a message as one frame or as fragments (§5.4): first frame with the opcode, then continuations. */
final class Sender {

    private Sender() {
    }

    static void fragmented(Session s, int opcode, byte[][] fragments) throws IOException {
        for (int i = 0; i < fragments.length; i++) {
            boolean last = i == fragments.length - 1;
            s.send(Frame.of(i == 0 ? opcode : Opcode.CONTINUATION, fragments[i]).fin(last));
        }
    }
}
