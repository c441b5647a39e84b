package wslab.lessons.security;

import java.io.IOException;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Registration;
import wslab.api.TcpListener;

/** Placeholder while the reference is proven. */
public class ChatServer implements LabServer {
    private final LabEnvironment env;
    private TcpListener l;

    public ChatServer(LabEnvironment env) {
        this.env = env;
    }

    @Override
    public int start(int port) throws IOException {
        l = env.listen(port);
        return l.port();
    }

    @Override
    public void close() {
        l.close();
    }

    public static final class Starter extends Registration {
        public Starter() {
            super("09", "starter", "/secure", ChatServer::new);
        }
    }
}
