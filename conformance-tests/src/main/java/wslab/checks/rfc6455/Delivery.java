package wslab.checks.rfc6455;

import java.io.IOException;

import wslab.grader.CheckContext;
import wslab.wire.Frame;

/**
 * How a case's frames reach the server: all in one write, one write per frame, or one octet at
 * a time. TCP may merge or split writes on the way (RFC 9293 §2.2), so a server that reads
 * frames correctly gives the same answer to each.
 */
enum Delivery {

    ONE_WRITE("in one write"),
    FRAME_BY_FRAME("frame by frame"),
    OCTET_BY_OCTET("octet by octet");

    final String words;

    Delivery(String words) {
        this.words = words;
    }

    /** The faults a case declares: none, the suite cuts its own writes. */
    String[] faults() {
        return new String[0];
    }

    Session open(CheckContext ctx) throws IOException {
        return Session.open(ctx);
    }

    void send(Session s, Frame... frames) throws IOException {
        switch (this) {
            case ONE_WRITE -> s.sendTogether(frames);
            case FRAME_BY_FRAME -> s.sendFrameByFrame(frames);
            case OCTET_BY_OCTET -> s.sendInChops(1, frames);
        }
    }
}
