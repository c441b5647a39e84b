package wslab.checks.rfc6455client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import wslab.api.ClientEvents;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;
import wslab.grader.CheckContext;
import wslab.grader.CheckFailed;

/**
 * The server a client under test connects to in one case, played by the suite as Autobahn's
 * fuzzingserver plays it: it listens on a free port in the check's world (real or simulated),
 * takes the client's first TCP connection and records what the client reports to its
 * application. A second connection is noted and closed: an echo client connects once.
 */
final class PlayServer implements AutoCloseable {

    /** A connection end as the client reported it: {@code closed <code>[ <reason>]}. */
    record Report(int code, String reason) {
        @Override
        public String toString() {
            return "closed " + code + (reason.isEmpty() ? "" : " " + reason);
        }
    }

    static final String PATH = "/rfc6455-client";

    private final CheckContext ctx;
    private final TcpListener listener;
    private final Signal changes;
    private final List<TcpConnection> accepted = new CopyOnWriteArrayList<>();
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    PlayServer(CheckContext ctx) throws IOException {
        this.ctx = ctx;
        this.listener = ctx.env().listen(0);
        this.changes = ctx.newSignal();
        ctx.env().startThread("wslab-play-server", this::acceptLoop);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + listener.port() + PATH);
    }

    /** Where the client under test reports connection ends. */
    ClientEvents events() {
        return (code, reason) -> {
            Report r = new Report(code, reason);
            reports.add(r);
            ctx.transcript().note("client reported: " + r);
            changes.signalAll();
        };
    }

    /** The client's first connection, if it comes within {@code millis}; a client that exits meanwhile fails the check. */
    Optional<TcpConnection> awaitConnection(long millis) throws InterruptedException {
        changes.await(() -> !accepted.isEmpty() || ctx.targetGone().isPresent(), Duration.ofMillis(millis));
        if (accepted.isEmpty()) {
            Optional<String> gone = ctx.targetGone();
            if (gone.isPresent()) {
                throw new CheckFailed("the client under test to connect and keep running", gone.get());
            }
            return Optional.empty();
        }
        return Optional.of(accepted.get(0));
    }

    /** The first connection end the client reports, if one comes within {@code millis}. */
    Optional<Report> awaitReport(long millis) throws InterruptedException {
        changes.await(() -> !reports.isEmpty() || ctx.targetGone().isPresent(), Duration.ofMillis(millis));
        return reports.isEmpty() ? Optional.empty() : Optional.of(reports.get(0));
    }

    private void acceptLoop() {
        while (!closed) {
            TcpConnection c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.add(c);
            if (accepted.size() > 1) {
                ctx.transcript().note("server: connection #" + accepted.size() + " from the client closed: an echo client connects once");
                c.close();
            } else {
                ctx.transcript().note("server: the client connected from " + c.remoteAddress());
            }
            changes.signalAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.close();
        accepted.forEach(TcpConnection::close);
    }
}
