package wslab.cli;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wslab.api.Tls;
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
        portal.logTo(new LessonLog());
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
            Main.OUT.printf("  lesson %s %s%s%n", l.lesson().id(), l.url(), l.lesson().secure() ? certificateNote(l) : "");
        }
        Main.OUT.println("Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    /** A TLS lesson's certificate, written where a client (or ./wslab grade --trust) can take it. */
    private static String certificateNote(ReferencePortal.RunningLesson l) {
        try {
            List<java.security.cert.X509Certificate> certs = Tls.certificates(String.join("\n", l.log()));
            if (certs.isEmpty()) {
                return " (TLS; it printed no certificate)";
            }
            Path file = Main.home().resolve("target/wslab/lesson-" + l.lesson().id() + "-certificate.pem");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Tls.pem(certs.get(0)));
            return " (TLS, certificate " + file + ": trust it, e.g. ./wslab grade " + l.lesson().id() + " --target " + l.url()
                    + " --trust " + file + ")";
        } catch (IOException | java.security.cert.CertificateException e) {
            return " (TLS; its certificate could not be written: " + e.getMessage() + ")";
        }
    }

    /** The lessons' log lines on the console, a PEM block left out (it goes to a file). */
    private static final class LessonLog implements java.util.function.Consumer<String> {
        private boolean inPem;

        @Override
        public synchronized void accept(String line) {
            String text = line.substring(line.indexOf(": ") + 2);
            if (text.startsWith("-----BEGIN ")) {
                inPem = true;
            } else if (inPem) {
                inPem = !text.startsWith("-----END ");
            } else if (!text.startsWith("certificate for ")) {
                Main.OUT.println("  " + line);
            }
        }
    }
}
