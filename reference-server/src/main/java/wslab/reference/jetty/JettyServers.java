package wslab.reference.jetty;

import java.util.List;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The one way this project builds a Jetty server on loopback. */
public final class JettyServers {

    private JettyServers() {
    }

    /** A server bound to 127.0.0.1:{@code port} (0 = free) with one servlet context at {@code /}. */
    public static Server loopback(int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        return server;
    }

    public static ServletContextHandler rootContext(Server server) {
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        return context;
    }

    /** Registers an echo endpoint at {@code path} that negotiates {@code subprotocols}. */
    public static void addEcho(ServletContextHandler context, String path, List<String> subprotocols) {
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, path)
                        .subprotocols(subprotocols).build());
            } catch (DeploymentException e) {
                throw new IllegalStateException("cannot deploy echo at " + path, e);
            }
        });
    }

    public static int boundPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Stopping is best effort; the port is released with the connector.
        }
    }
}
