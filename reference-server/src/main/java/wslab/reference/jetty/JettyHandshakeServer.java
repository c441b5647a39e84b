package wslab.reference.jetty;

import java.io.IOException;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import wslab.api.LabServer;
import wslab.reference.handshake.RawHandshakeServer;

/**
 * Lesson 01's endpoint as Jetty itself answers it. Not a solution to the lesson: the grader
 * runs the lesson's checks against it as a third-party sanity check of the checks.
 */
public class JettyHandshakeServer implements LabServer {

    private Server server;

    @Override
    public int start(int port) throws IOException {
        server = JettyServers.loopback(port);
        ServletContextHandler context = JettyServers.rootContext(server);
        JettyServers.addEcho(context, RawHandshakeServer.PATH, RawHandshakeServer.SUBPROTOCOLS);
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
