package wslab.faults.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A proxy on real sockets: an acceptor thread, and a {@link Link} (two {@link Pipe}s) per connection. */
final class SocketProxy extends ProxyInstance {

    private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 5000;

    private final String threadTag;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;

    SocketProxy(String name, String listen, String upstream, String threadTag) {
        super(name, listen, upstream);
        this.threadTag = threadTag;
    }

    @Override
    String bind(String listen, String upstream) throws IOException {
        // Opened as channels, so the pipes can move bytes without copying them through the heap.
        ServerSocket s = ServerSocketChannel.open().socket();
        try {
            s.setReuseAddress(true);
            s.bind(parse(listen).resolve(), 128);
        } catch (IOException e) {
            s.close();
            throw new IOException("listen tcp " + listen + ": " + e.getMessage(), e);
        }
        listener = s;
        acceptor = new Thread(() -> acceptLoop(s), threadTag + "-" + name() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return HostPort.format(s.getInetAddress(), s.getLocalPort());
    }

    @Override
    void unbindAndCut() {
        try {
            listener.close();
        } catch (IOException e) {
            // Closed is what we wanted.
        }
        // The JDK releases the port only when the thread blocked in accept() has left it; wait,
        // so an update or re-enable right after can bind the same address again.
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Link l : new ArrayList<>(links)) {
            l.close();
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (true) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return;
            }
            connect(s, client);
        }
    }

    private void connect(ServerSocket s, Socket client) {
        Socket server = null;
        try {
            server = SocketChannel.open().socket();
            server.setTcpNoDelay(true);
            server.connect(parse(upstream()).resolve(), UPSTREAM_CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
        } catch (IOException | IllegalArgumentException e) {
            // Toxiproxy hangs up on the client when the upstream cannot be reached.
            Link.closeQuietly(client);
            if (server != null) {
                Link.closeQuietly(server);
            }
            return;
        }
        Link link = new Link(this, client, server);
        links.add(link);
        if (s.isClosed()) {
            // stop() ran while we connected and could not have seen this link.
            link.close();
        }
        link.start(threadTag + "-" + name());
    }

    void forget(Link link) {
        links.remove(link);
    }

    @Override
    int openConnections() {
        return links.size();
    }

    @Override
    void toxicAdded(Toxic toxic) {
        links.forEach(l -> l.toxicAdded(toxic));
    }

    @Override
    void toxicUpdated(Toxic toxic) {
        links.forEach(l -> l.toxicUpdated(toxic));
    }

    @Override
    void toxicRemoved(Toxic toxic) {
        links.forEach(l -> l.toxicRemoved(toxic));
    }
}
