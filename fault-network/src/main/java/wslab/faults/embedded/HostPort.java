package wslab.faults.embedded;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A {@code host:port} as Toxiproxy spells listen and upstream addresses; an empty host means every interface. */
record HostPort(String host, int port) {

    static HostPort parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + address + ": missing port in address");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
        return new HostPort(host, port);
    }

    InetSocketAddress resolve() throws UnknownHostException {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** The bound address as Go prints it, so clients can take the port after the last colon. */
    static String format(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host.replaceFirst("%.*", "") + "]" : host) + ":" + port;
    }
}
