package wslab.checks.lesson07;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import wslab.faults.FaultLink;
import wslab.grader.CheckContext;
import wslab.wire.Transcript;

/**
 * A check's chat clients and the fault links in front of the server: each client can have a link
 * of its own, so one client's toxics never touch another's. Closes everything when the check ends.
 */
public final class ChatRig implements AutoCloseable {

    private final CheckContext ctx;
    private final List<FaultLink> links = new ArrayList<>();
    private final List<ChatPeer> peers = new ArrayList<>();
    private final ChatNames names;
    /** For checks that move thousands of messages: their frames stay out of the report. */
    private final Transcript quiet;

    public ChatRig(CheckContext ctx) {
        this.ctx = ctx;
        this.quiet = new Transcript(ctx::nanoTime);
        this.names = ChatNames.of(ctx);
    }

    /** A fresh fault link to the server. */
    public FaultLink link(String name) throws IOException {
        FaultLink l = ctx.stage().faults().link("wslab-" + ctx.transcript().hashCode() + "-" + name, ctx.host(), ctx.port());
        links.add(l);
        ctx.transcript().note("fault link '" + name + "' " + l.host() + ":" + l.port() + " → " + ctx.hostField());
        return l;
    }

    /** A client straight to the server; its frames go to the report. */
    public ChatPeer direct(String name) throws IOException {
        return add(ChatPeer.open(name, names, ctx.env(), ctx.host(), ctx.port(), ctx.target(), ctx.timeoutMillis(), ctx.transcript(),
                ctx.random()));
    }

    /** A client through {@code link}; its frames go to the report. */
    public ChatPeer through(FaultLink link, String name) throws IOException {
        return add(ChatPeer.open(name, names, ctx.env(), link.host(), link.port(), ctx.target(), ctx.timeoutMillis(),
                ctx.transcript(), ctx.random()));
    }

    /** A client straight to the server whose frames are not reported, for floods. */
    public ChatPeer quietly(String name) throws IOException {
        return add(ChatPeer.open(name, names, ctx.env(), ctx.host(), ctx.port(), ctx.target(), ctx.timeoutMillis(), quiet,
                ctx.random()));
    }

    private ChatPeer add(ChatPeer p) {
        peers.add(p);
        return p;
    }

    @Override
    public void close() {
        peers.forEach(ChatPeer::close);
        links.forEach(FaultLink::close);
    }
}
