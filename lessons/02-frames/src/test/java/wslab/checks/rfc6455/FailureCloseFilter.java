package wslab.checks.rfc6455;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Sits between the reference's frame writer and the socket and changes the close frames it
 * sends when it fails a connection (codes 1002, 1007, 1009): the code becomes 1000, or the
 * frame is dropped so only the TCP close remains. The writer flushes after every frame, so each
 * flush hands over whole server frames (unmasked, §5.1).
 */
final class FailureCloseFilter extends OutputStream {

    enum Mode { CODE_1000, DROP_THE_CLOSE_FRAME }

    private static final Set<Integer> FAILURE_CODES = Set.of(1002, 1007, 1009);
    private static final int CLOSE = 0x8;

    private final OutputStream out;
    private final Mode mode;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    FailureCloseFilter(OutputStream out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    @Override
    public void write(int b) {
        pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        byte[] frames = pending.toByteArray();
        pending.reset();
        out.write(rewrite(frames));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    private byte[] rewrite(byte[] frames) {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        int at = 0;
        while (at < frames.length) {
            int lengthField = frames[at + 1] & 0x7F;
            int head = lengthField == 126 ? 4 : lengthField == 127 ? 10 : 2;
            long length = lengthField;
            if (head > 2) {
                length = 0;
                for (int i = at + 2; i < at + head; i++) {
                    length = (length << 8) | (frames[i] & 0xFF);
                }
            }
            int end = at + head + (int) length;
            boolean failureClose = (frames[at] & 0x0F) == CLOSE && length >= 2
                    && FAILURE_CODES.contains(((frames[at + head] & 0xFF) << 8) | (frames[at + head + 1] & 0xFF));
            if (!failureClose) {
                result.write(frames, at, end - at);
            } else if (mode == Mode.CODE_1000) {
                byte[] frame = java.util.Arrays.copyOfRange(frames, at, end);
                frame[head] = (byte) (1000 >>> 8);
                frame[head + 1] = (byte) 1000;
                result.writeBytes(frame);
            }
            at = end;
        }
        return result.toByteArray();
    }
}
