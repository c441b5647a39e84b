package wslab.sim;

/** One frame from the server, unmasked as the server sends it (RFC 6455 §5.1). */
record Frame(boolean fin, int opcode, byte[] payload) {
}
