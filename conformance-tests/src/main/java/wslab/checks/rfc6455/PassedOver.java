package wslab.checks.rfc6455;

import java.util.ArrayList;
import java.util.List;

import wslab.wire.Frame;
import wslab.wire.Opcode;

/**
 * The pings and pongs a wait passed over on its way to the frame it waited for. A failure text
 * names them: "nothing arrived" would hide a peer that was busy with control frames. The server
 * cases and the client cases word them alike.
 */
public final class PassedOver {

    private final List<Frame> frames = new ArrayList<>();

    /** A new wait begins: what the last one passed over is no longer evidence. */
    public void clear() {
        frames.clear();
    }

    public void add(Frame frame) {
        frames.add(frame);
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    /** "nothing arrived within 500 ms", "only a PONG (4 bytes) arrived within 500 ms": what a timeout saw. */
    public String nothingWithin(long millis) {
        return (frames.isEmpty() ? "nothing" : "only " + list()) + " arrived within " + millis + " ms";
    }

    /** ", after a PONG (4 bytes)", or nothing when the wait passed nothing over: the end of a failure text. */
    public String after() {
        return frames.isEmpty() ? "" : ", after " + list();
    }

    /** "a PONG (4 bytes) and a PING (0 bytes)": the frames passed over, the first three by name. */
    public String list() {
        List<String> each = frames.stream().limit(3)
                .map(f -> "a " + Opcode.name(f.opcode()) + " (" + Payloads.size(f.payload().length) + ")").toList();
        String list = each.size() == 1 ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
        int more = frames.size() - each.size();
        return more > 0 ? list + " and " + more + " more control frames" : list;
    }
}
