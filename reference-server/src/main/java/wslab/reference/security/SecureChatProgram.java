package wslab.reference.security;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import wslab.api.LabEnvironment;
import wslab.api.RealTime;

/**
 * Lesson 09's reference as a program, as a server in another language would run:
 * {@code java ... SecureChatProgram <port>}. Its log, the certificate first, goes to standard
 * output, where {@code ./wslab grade 09 --server-cmd} reads it.
 */
@RealTime("a program's main: the real network and clock")
public final class SecureChatProgram {

    private SecureChatProgram() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1 || !args[0].matches("\\d{1,5}")) {
            System.err.println("usage: SecureChatProgram <port>");
            System.exit(2);
        }
        LabEnvironment env = LabEnvironment.system(System.nanoTime());
        warmUpTls(env);
        SecureChatServer server = new SecureChatServer(env);
        server.logTo(line -> {
            System.out.println(line);
            System.out.flush();
        });
        int port = server.start(Integer.parseInt(args[0]));
        System.out.println("lesson 09 reference on wss://127.0.0.1:" + port + SecureChatServer.PATH);
        new CountDownLatch(1).await();
    }

    /**
     * One TLS handshake with itself before the port opens: a fresh JVM's first handshake costs
     * class loading and cold code, and on a busy machine that alone can outlast the 2 s deadline
     * the server holds its clients to.
     */
    private static void warmUpTls(LabEnvironment env) throws IOException, InterruptedException {
        wslab.api.LabCertificate certificate = wslab.api.LabCertificate.selfSigned("127.0.0.1");
        try (wslab.api.TcpListener listener = env.listen(0)) {
            Thread server = new Thread(() -> {
                try (wslab.api.TlsConnection tls = wslab.api.Tls.server(listener.accept(), certificate.serverContext())) {
                    tls.handshake();
                } catch (IOException ignored) {
                    // A warm-up that fails leaves the server cold, nothing worse.
                }
            });
            server.start();
            try (wslab.api.TlsConnection tls = wslab.api.Tls.client(env.connect("127.0.0.1", listener.port(),
                    java.time.Duration.ofSeconds(10)), wslab.api.Tls.trusting(java.util.List.of(certificate.certificate())),
                    "127.0.0.1", listener.port())) {
                tls.handshake();
            } catch (IOException ignored) {
                // As above.
            }
            server.join(10_000);
        }
    }
}
