package wslab.faults;

import java.io.IOException;
import java.io.UncheckedIOException;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import wslab.faults.embedded.EmbeddedToxiproxy;
import wslab.faults.embedded.SimulatedProxies;
import wslab.sim.SimNetwork;
import wslab.sim.Simulation;

/**
 * Proxies on a simulation's network, driven through the same Toxiproxy API and client as every
 * other backend. The API itself runs on a real socket, shared by every simulation in the JVM;
 * a call to it is instantaneous in virtual time, since the caller holds the simulation's baton
 * while it waits for the answer.
 */
final class SimulatedBackend implements Backend {

    private static EmbeddedToxiproxy api;
    private static ToxiproxyClient client;

    private final Simulation sim;

    SimulatedBackend(Simulation sim) {
        this.sim = sim;
        shared();
    }

    private static synchronized void shared() {
        if (api == null) {
            try {
                api = EmbeddedToxiproxy.startSimulated("127.0.0.1", 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client = new ToxiproxyClient("127.0.0.1", api.port());
        }
    }

    @Override
    public String describe() {
        return "simulated network (virtual time), Toxiproxy API " + EmbeddedToxiproxy.COMPATIBLE_VERSION + " at " + api.url();
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public String apiUrl() {
        return api.url();
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public Proxy createProxy(String name, String host, int port) throws IOException {
        SimulatedProxies.assign(name, sim);
        return client.createProxy(name, SimNetwork.HOST + ":0", host + ":" + port);
    }

    @Override
    public String connectHost(Proxy proxy) {
        return SimNetwork.HOST;
    }

    @Override
    public int connectPort(Proxy proxy) {
        return Backend.portOf(proxy.getListen());
    }

    @Override
    public void release(Proxy proxy) {
        SimulatedProxies.release(proxy.getName());
    }

    /** The API is shared; this simulation's proxies go with their links. */
    @Override
    public void close() {
    }
}
