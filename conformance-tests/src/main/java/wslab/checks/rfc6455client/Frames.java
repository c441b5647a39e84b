package wslab.checks.rfc6455client;

import wslab.wire.Frame;
import wslab.wire.Opcode;

/**
 * Server frames for the client cases. A server's frames are unmasked (RFC 6455 §5.1), so
 * everything here is unmasked unless a case masks it on purpose. Their payloads come from
 * {@link wslab.checks.rfc6455.Payloads}, as the server cases' do.
 */
final class Frames {

    private Frames() {
    }

    /** A final, unmasked frame. */
    static Frame of(int opcode, byte[] payload) {
        return new Frame(true, 0, opcode, false, payload);
    }

    /** {@code frame} with a mask, which a server MUST NOT send (§5.1): the masking cases send it on purpose. */
    static Frame masked(Frame frame) {
        return new Frame(frame.fin(), frame.rsv(), frame.opcode(), true, frame.payload());
    }

    static Frame text(String text) {
        return Frame.text(text).unmasked();
    }

    /** A close frame with a 2-byte code and a reason (§5.5.1). */
    static Frame close(int code, byte[] reason) {
        return Frame.close(code, reason).unmasked();
    }

    /** A message as fragments (§5.4): the first frame carries the opcode, continuations follow, the last has FIN. */
    static Frame[] fragments(int opcode, byte[]... parts) {
        Frame[] frames = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            frames[i] = new Frame(i == parts.length - 1, 0, i == 0 ? opcode : Opcode.CONTINUATION, false, parts[i]);
        }
        return frames;
    }
}
