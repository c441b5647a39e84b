package wslab.faults;

import java.io.IOException;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;

/** Where the Toxiproxy API lives and how a link's addresses are spelled for it. */
interface Backend extends AutoCloseable {

    /** One line for the run's log: which backend and where. */
    String describe();

    /** Short name: embedded, external or testcontainers. */
    String name();

    /** The API's base URL, {@code http://host:port}. */
    String apiUrl();

    ToxiproxyClient client();

    /** Creates a proxy named {@code name} in front of the server at {@code host:port} as this machine sees it. */
    Proxy createProxy(String name, String host, int port) throws IOException;

    /** Where a client on this machine connects to reach {@code proxy}. */
    String connectHost(Proxy proxy);

    int connectPort(Proxy proxy);

    /** Called when a link's proxy has been deleted, for backends that hand out scarce listen ports. */
    default void release(Proxy proxy) {
    }

    @Override
    void close();

    static int portOf(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
