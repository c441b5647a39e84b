package wslab.faults.embedded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A named proxy: its addresses, its toxics and whether it is enabled, as the API sees it. Where
 * its connections live is the subclass's: real sockets ({@link SocketProxy}) or a simulated
 * network ({@link SimulatedProxy}); both apply the same toxics with the same semantics.
 */
abstract class ProxyInstance {

    private final String name;
    private final List<Toxic> toxics = new CopyOnWriteArrayList<>();
    private final AtomicLong toxicsVersion = new AtomicLong();
    private volatile String listen;
    private volatile String upstream;
    private boolean enabled;

    ProxyInstance(String name, String listen, String upstream) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
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
        listen = bind(listen, upstream);
        enabled = true;
    }

    /** Toxiproxy's "down": the listener closes, so new connections are refused, and open ones are cut. */
    synchronized void stop() {
        if (!enabled) {
            return;
        }
        enabled = false;
        unbindAndCut();
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

    /** Binds {@code listen}, accepting connections that it relays to {@code upstream}; returns the address bound. */
    abstract String bind(String listen, String upstream) throws IOException;

    /** Stops accepting and cuts every open connection (an orderly close of both sides). */
    abstract void unbindAndCut();

    abstract int openConnections();

    /** Hooks for open connections, called after the list changed. */
    abstract void toxicAdded(Toxic toxic);

    abstract void toxicUpdated(Toxic toxic);

    abstract void toxicRemoved(Toxic toxic);

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
        toxicsVersion.incrementAndGet();
        toxicAdded(toxic);
    }

    synchronized void replaceToxic(Toxic toxic) {
        toxics.replaceAll(t -> t.name().equals(toxic.name()) ? toxic : t);
        toxicsVersion.incrementAndGet();
        toxicUpdated(toxic);
    }

    synchronized void removeToxic(Toxic toxic) {
        toxics.remove(toxic);
        toxicsVersion.incrementAndGet();
        toxicRemoved(toxic);
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

    static HostPort parse(String address) throws IOException {
        try {
            return HostPort.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
