package wslab.grader.targets;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import wslab.grader.RestartableServer;
import wslab.grader.ServerLog;
import wslab.grader.Target;

/**
 * A check's view of a server the grader started: where it answers, what the grader can do with it
 * and how it ends. One record for the ways the grader starts a server (in this process, in a
 * simulated process, as a program), which differ only in what they offer.
 *
 * @param closing what ends the server when the check is over
 */
record ServerSession(URI serverUrl, Optional<RestartableServer> restartable, Optional<ServerLog> serverLog,
                     Supplier<Optional<String>> whyGone, Runnable closing) implements Target.Session {

    /** The URL of a server on the loopback interface: the grader starts every server there. */
    static URI loopback(String scheme, int port, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    @Override
    public Optional<String> gone() {
        return whyGone.get();
    }

    @Override
    public void close() {
        closing.run();
    }
}
