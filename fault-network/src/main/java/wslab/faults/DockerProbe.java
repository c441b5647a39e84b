package wslab.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Whether a Docker engine answers, asked cheaply first. Testcontainers' own probe is slow and
 * loud when no engine runs, so it runs only after a socket where an engine usually listens
 * accepted a connection. Without Docker this takes milliseconds and prints nothing, and loads
 * no Testcontainers class.
 */
final class DockerProbe {

    private static final int TCP_CONNECT_TIMEOUT_MILLIS = 500;

    private DockerProbe() {
    }

    static boolean engineAnswers() {
        if (!someEndpointAccepts()) {
            return false;
        }
        // Testcontainers reports its Docker discovery at INFO; under slf4j-simple that is a page of
        // stderr around the one line that names the backend. Quieten it unless the user chose a level.
        for (String logger : new String[] {"org.testcontainers", "com.github.dockerjava", "tc"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        return TestcontainersBackend.dockerAvailable();
    }

    /** True if any place Docker (or a compatible engine) is configured or usually found takes a connection. */
    static boolean someEndpointAccepts() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            // Named pipes cannot be tried cheaply from Java; leave the question to Testcontainers.
            return true;
        }
        for (String endpoint : endpoints()) {
            if (accepts(endpoint)) {
                return true;
            }
        }
        return false;
    }

    /** DOCKER_HOST, Testcontainers' own setting, then the usual sockets of Docker, Docker Desktop, rootless Docker, Colima, Podman. */
    private static List<String> endpoints() {
        List<String> found = new ArrayList<>();
        addIfSet(found, System.getenv("DOCKER_HOST"));
        Path home = Path.of(System.getProperty("user.home", "/"));
        Properties tc = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve(".testcontainers.properties"))) {
            tc.load(in);
            addIfSet(found, tc.getProperty("docker.host"));
            addIfSet(found, tc.getProperty("tc.host"));
        } catch (IOException e) {
            // No such file is the common case.
        }
        found.add("unix:///var/run/docker.sock");
        found.add("unix://" + home.resolve(".docker/run/docker.sock"));
        found.add("unix://" + home.resolve(".docker/desktop/docker.sock"));
        found.add("unix://" + home.resolve(".colima/default/docker.sock"));
        found.add("unix://" + home.resolve(".rd/docker.sock"));
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            found.add("unix://" + Path.of(runtime, "docker.sock"));
            found.add("unix://" + Path.of(runtime, "podman", "podman.sock"));
        }
        return found;
    }

    private static void addIfSet(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value.trim());
        }
    }

    private static boolean accepts(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "unix":
                    return unixSocketAccepts(Path.of(uri.getPath()));
                case "tcp":
                case "http":
                case "https":
                    return tcpAccepts(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
                default:
                    // ssh:// or npipe:// and the like: only Testcontainers can tell.
                    return true;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean unixSocketAccepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean tcpAccepts(String host, int port) {
        if (host == null) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TCP_CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
