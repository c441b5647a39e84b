package wslab.faults.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/** A named proxy: a listening socket, its upstream, its toxics and its open links. */
final class ProxyInstance {

    private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 5000;

    private final String name;
    private final ScheduledExecutorService timers;
    private final List<Toxic> toxics = new CopyOnWriteArrayList<>();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile String upstream;
    private volatile String listenHost;
    private volatile int listenPort;
    private volatile boolean enabled;
    private ServerSocket listener;

    ProxyInstance(String name, String listen, String upstream, ScheduledExecutorService timers) {
        this.name = name;
        this.upstream = upstream;
        this.timers = timers;
        setListenAddress(listen);
    }

    String name() {
        return name;
    }

    List<Toxic> toxics() {
        return List.copyOf(toxics);
    }

    synchronized void enable() throws IOException {
        if (enabled) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(listenHost), listenPort), 128);
        listener = s;
        // Keep the port it got, so disabling and enabling again listens on the same address.
        listenPort = s.getLocalPort();
        enabled = true;
        Thread t = new Thread(() -> acceptLoop(s), "toxiproxy-" + name + "-accept");
        t.setDaemon(true);
        t.start();
    }

    /** Toxiproxy's "down": new connections are refused and open ones cut. */
    synchronized void disable() {
        if (!enabled) {
            return;
        }
        enabled = false;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
        for (Link l : new ArrayList<>(links)) {
            l.close();
        }
    }

    synchronized void update(String newListen, String newUpstream, Boolean newEnabled) throws IOException {
        if (newUpstream != null) {
            upstream = newUpstream;
        }
        if (newListen != null && !newListen.equals(listen())) {
            boolean was = enabled;
            disable();
            setListenAddress(newListen);
            if (was) {
                enable();
            }
        }
        if (newEnabled != null) {
            if (newEnabled) {
                enable();
            } else {
                disable();
            }
        }
    }

    private void setListenAddress(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("listen address '" + listen + "' has no port");
        }
        String host = listen.substring(0, colon);
        listenHost = host.isEmpty() ? "0.0.0.0" : host.replace("[", "").replace("]", "");
        try {
            listenPort = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address '" + listen + "' has no valid port");
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return;
            }
            connect(client);
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            int colon = upstream.lastIndexOf(':');
            server.setTcpNoDelay(true);
            server.connect(new InetSocketAddress(upstream.substring(0, colon), Integer.parseInt(upstream.substring(colon + 1))),
                    UPSTREAM_CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
        } catch (IOException | RuntimeException e) {
            // Toxiproxy closes the client when the upstream cannot be reached.
            try {
                client.close();
                server.close();
            } catch (IOException ignored) {
                // Nothing more to do.
            }
            return;
        }
        Link link = new Link(this, client, server, timers);
        links.add(link);
        link.start();
    }

    void forget(Link link) {
        links.remove(link);
    }

    synchronized void addToxic(Toxic toxic) {
        toxics.add(toxic);
        links.forEach(Link::toxicsChanged);
    }

    synchronized void replaceToxic(Toxic toxic) {
        toxics.replaceAll(t -> t.name().equals(toxic.name()) ? toxic : t);
        links.forEach(Link::toxicsChanged);
    }

    synchronized boolean removeToxic(String toxicName) {
        boolean removed = toxics.removeIf(t -> t.name().equals(toxicName));
        links.forEach(Link::toxicsChanged);
        return removed;
    }

    synchronized void removeAllToxics() {
        toxics.clear();
        links.forEach(Link::toxicsChanged);
    }

    String listen() {
        return listenHost + ":" + listenPort;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("listen", listen());
        json.put("upstream", upstream);
        json.put("enabled", enabled);
        json.put("toxics", toxics.stream().map(Toxic::toJson).toList());
        return json;
    }
}
