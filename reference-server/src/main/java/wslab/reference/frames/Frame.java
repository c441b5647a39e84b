package wslab.reference.frames;

/** One received frame, payload already unmasked. */
public record Frame(boolean fin, int opcode, byte[] payload) {
}
