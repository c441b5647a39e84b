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

    /** Creates a proxy named {@code name} that forwards to the server at {@code host:port} on this machine. */
    Proxy createProxy(String name, String host, int port) throws IOException;

    /** Where a client on this machine connects to reach {@code proxy}. */
    String connectHost(Proxy proxy);

    int connectPort(Proxy proxy);

    @Override
    void close();

    static int portOf(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
