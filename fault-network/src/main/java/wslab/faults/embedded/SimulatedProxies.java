package wslab.faults.embedded;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import wslab.sim.Simulation;

/**
 * Which simulation each simulated proxy belongs to. The API that creates proxies is shared by
 * every simulation in the JVM; a proxy's name (unique per JVM) is assigned to its simulation just
 * before the client creates it.
 */
public final class SimulatedProxies {

    private static final Map<String, Simulation> BY_NAME = new ConcurrentHashMap<>();

    private SimulatedProxies() {
    }

    public static void assign(String proxyName, Simulation sim) {
        BY_NAME.put(proxyName, sim);
    }

    public static void release(String proxyName) {
        BY_NAME.remove(proxyName);
    }

    static ProxyInstance create(String name, String listen, String upstream) {
        Simulation sim = BY_NAME.get(name);
        if (sim == null) {
            throw new ApiError(400, "proxy \"" + name + "\" has no simulation assigned; create it through FaultNetwork.simulated");
        }
        return new SimulatedProxy(name, listen, upstream, sim);
    }
}
