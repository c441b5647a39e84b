package wslab.faults.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A named proxy: its listening socket, its upstream, its toxics and the connections open through it. */
final class ProxyInstance {

    private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 5000;

    private final String name;
    private final String threadTag;
    private final List<Toxic> toxics = new CopyOnWriteArrayList<>();
    private final AtomicLong toxicsVersion = new AtomicLong();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile String listen;
    private volatile String upstream;
    private boolean enabled;
    private ServerSocket listener;
    private Thread acceptor;

    ProxyInstance(String name, String listen, String upstream, String threadTag) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
        this.threadTag = threadTag;
    }

    String name() {
        return name;
    }

    String listen() {
        return listen;
    }

    String upstream() {
        return upstream;
    }

    synchronized boolean isEnabled() {
        return enabled;
    }

    /** Starts listening. The address it got replaces the one asked for, so port 0 becomes the real port. */
    synchronized void start() throws IOException {
        if (enabled) {
            return;
        }
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
        listen = HostPort.format(s.getInetAddress(), s.getLocalPort());
        enabled = true;
        acceptor = new Thread(() -> acceptLoop(s), threadTag + "-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Toxiproxy's "down": the listener closes, so new connections are refused, and open ones are cut. */
    synchronized void stop() {
        if (!enabled) {
            return;
        }
        enabled = false;
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

    /** As Toxiproxy: a new listen or upstream address restarts the proxy, cutting its connections. */
    synchronized void update(String newListen, String newUpstream, boolean newEnabled) throws IOException {
        if (!newListen.equals(listen) || !newUpstream.equals(upstream)) {
            stop();
            listen = newListen;
            upstream = newUpstream;
        }
        if (newEnabled != enabled) {
            if (newEnabled) {
                start();
            } else {
                stop();
            }
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
            server.connect(parse(upstream).resolve(), UPSTREAM_CONNECT_TIMEOUT_MILLIS);
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
        link.start(threadTag + "-" + name);
    }

    void forget(Link link) {
        links.remove(link);
    }

    int openConnections() {
        return links.size();
    }

    Optional<Toxic> toxic(String toxicName) {
        return toxics.stream().filter(t -> t.name().equals(toxicName)).findFirst();
    }

    /** Upstream toxics first, then downstream, each in the order added: the order Toxiproxy lists them in. */
    List<Toxic> toxics() {
        List<Toxic> ordered = new ArrayList<>(toxicsOn(Stream.UPSTREAM));
        ordered.addAll(toxicsOn(Stream.DOWNSTREAM));
        return ordered;
    }

    List<Toxic> toxicsOn(Stream stream) {
        List<Toxic> on = new ArrayList<>(2);
        for (Toxic t : toxics) {
            if (t.stream() == stream) {
                on.add(t);
            }
        }
        return on;
    }

    /** Bumped on every toxic change, so a writer waiting out a delay knows to look again. */
    long toxicsVersion() {
        return toxicsVersion.get();
    }

    synchronized void addToxic(Toxic toxic) {
        toxics.add(toxic);
        links.forEach(l -> l.toxicAdded(toxic));
        toxicsVersion.incrementAndGet();
    }

    synchronized void replaceToxic(Toxic toxic) {
        toxics.replaceAll(t -> t.name().equals(toxic.name()) ? toxic : t);
        links.forEach(l -> l.toxicUpdated(toxic));
        toxicsVersion.incrementAndGet();
    }

    synchronized void removeToxic(Toxic toxic) {
        toxics.remove(toxic);
        links.forEach(l -> l.toxicRemoved(toxic));
        toxicsVersion.incrementAndGet();
    }

    synchronized void removeAllToxics() {
        for (Toxic t : List.copyOf(toxics)) {
            removeToxic(t);
        }
    }

    synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("listen", listen);
        json.put("upstream", upstream);
        json.put("enabled", enabled);
        json.put("toxics", toxics().stream().map(Toxic::toJson).toList());
        return json;
    }

    private static HostPort parse(String address) throws IOException {
        try {
            return HostPort.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
