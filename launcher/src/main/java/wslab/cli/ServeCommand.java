package wslab.cli;

import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wslab.reference.portal.ReferencePortal;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the reference server: the index page, an echo endpoint and every lesson's endpoint.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Port for the index page (default: ${DEFAULT-VALUE}); "
            + "lesson NN listens on this port + NN.")
    int port;

    @Override
    public Integer call() throws Exception {
        Ports.requireValid(port, "--port");
        ReferencePortal portal = new ReferencePortal();
        try {
            port = portal.start(port);
        } catch (BindException e) {
            portal.close();
            throw new IllegalArgumentException("port " + port + " is in use; choose another with --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            portal.close();
            stopped.countDown();
        }));
        Main.OUT.println("wslab reference server on http://127.0.0.1:" + port + "/");
        Main.OUT.println("  echo      ws://127.0.0.1:" + port + ReferencePortal.ECHO_PATH);
        for (ReferencePortal.RunningLesson l : portal.lessons()) {
            Main.OUT.printf("  lesson %s %s%n", l.lesson().id(), l.url());
        }
        Main.OUT.println("Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
