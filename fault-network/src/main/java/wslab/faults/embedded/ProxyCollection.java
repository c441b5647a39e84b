package wslab.faults.embedded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The server's proxies by name. One lock for all, so API calls see and change them one at a time. */
final class ProxyCollection {

    /** What a client asks for when it creates a proxy. */
    record Spec(String name, String listen, String upstream, boolean enabled) {
    }

    /** Makes a proxy of one kind: on real sockets, or on a simulated network. */
    @FunctionalInterface
    interface Factory {
        ProxyInstance create(String name, String listen, String upstream);
    }

    private final Map<String, ProxyInstance> proxies = new LinkedHashMap<>();
    private final Factory factory;

    ProxyCollection(Factory factory) {
        this.factory = factory;
    }

    synchronized ProxyInstance get(String name) {
        ProxyInstance p = proxies.get(name);
        if (p == null) {
            throw ApiError.proxyNotFound();
        }
        return p;
    }

    /** Every proxy by name, sorted, as Go's JSON encoder writes a map. */
    synchronized Map<String, Object> toJson() {
        Map<String, Object> all = new TreeMap<>();
        proxies.forEach((name, p) -> all.put(name, p.toJson()));
        return all;
    }

    synchronized ProxyInstance create(Spec spec) throws IOException {
        if (proxies.containsKey(spec.name())) {
            throw ApiError.proxyExists();
        }
        ProxyInstance p = factory.create(spec.name(), spec.listen(), spec.upstream());
        if (spec.enabled()) {
            p.start();
        }
        proxies.put(spec.name(), p);
        return p;
    }

    synchronized void remove(String name) {
        get(name).stop();
        proxies.remove(name);
    }

    /** {@code POST /reset}: every proxy enabled again and every toxic removed. */
    synchronized void reset() throws IOException {
        for (ProxyInstance p : proxies.values()) {
            p.start();
            p.removeAllToxics();
        }
    }

    /**
     * {@code POST /populate}: the whole list is checked first, then each proxy is created, or
     * replaced when its listen or upstream address differs; an identical one is kept as it is.
     */
    synchronized List<ProxyInstance> populate(List<Spec> specs) throws IOException {
        Set<String> names = new HashSet<>();
        for (Spec s : specs) {
            if (!names.add(s.name())) {
                throw new ApiError(400, "duplicate proxy name \"" + s.name() + "\"");
            }
        }
        List<ProxyInstance> result = new ArrayList<>();
        for (Spec s : specs) {
            ProxyInstance existing = proxies.get(s.name());
            if (existing != null && existing.listen().equals(s.listen()) && existing.upstream().equals(s.upstream())) {
                result.add(existing);
                continue;
            }
            if (existing != null) {
                existing.stop();
                proxies.remove(s.name());
            }
            result.add(create(s));
        }
        return result;
    }

    synchronized void closeAll() {
        proxies.values().forEach(ProxyInstance::stop);
        proxies.clear();
    }
}
