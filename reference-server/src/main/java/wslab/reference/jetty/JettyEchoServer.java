package wslab.reference.jetty;

import java.io.IOException;
import java.util.List;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import wslab.api.LabServer;

/**
 * A lesson's endpoint as Jetty itself answers it: Jetty's handshake and frame layer with an echo
 * endpoint. Not a solution to any lesson: the grader runs the checks against it as a
 * third-party sanity check of the checks.
 */
public class JettyEchoServer implements LabServer {

    private final String path;
    private final List<String> subprotocols;
    private Server server;

    public JettyEchoServer(String path, List<String> subprotocols) {
        this.path = path;
        this.subprotocols = List.copyOf(subprotocols);
    }

    @Override
    public int start(int port) throws IOException {
        server = JettyServers.loopback(port);
        ServletContextHandler context = JettyServers.rootContext(server);
        JettyServers.addEcho(context, path, subprotocols);
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("Jetty did not start: " + e.getMessage(), e);
        }
        return JettyServers.boundPort(server);
    }

    @Override
    public void close() {
        if (server != null) {
            JettyServers.stopQuietly(server);
        }
    }
}
