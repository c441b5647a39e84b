package wslab.cli;

import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wslab.faults.embedded.EmbeddedToxiproxy;

@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Run the embedded Toxiproxy-compatible fault proxy; drive it with toxiproxy-cli or any Toxiproxy client.")
final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8474", description = "API port (default: ${DEFAULT-VALUE}, as Toxiproxy's).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "API address (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws Exception {
        Ports.requireValid(port, "--port");
        EmbeddedToxiproxy proxy;
        try {
            proxy = EmbeddedToxiproxy.start(host, port);
        } catch (BindException e) {
            throw new IllegalArgumentException("port " + port + " is in use; choose another with --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }));
        Main.OUT.println("wslab fault proxy (Toxiproxy API) on " + proxy.url());
        Main.OUT.println("  try: curl " + proxy.url() + "/version");
        Main.OUT.println("Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
