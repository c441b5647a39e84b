package wslab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;

/** TLS over the environment's loopback sockets: both ends, a large transfer, trust and names. */
class TlsConnectionTest {

    private final LabEnvironment env = LabEnvironment.system(1);

    @Test
    void bothEndsAgreeOnTls13AndMoveBytesBothWays() throws Exception {
        LabCertificate cert = LabCertificate.selfSigned("127.0.0.1", "localhost");
        try (TcpListener listener = env.listen(0)) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (TlsConnection server = Tls.server(listener.accept(), cert.serverContext())) {
                    server.readTimeout(Duration.ofSeconds(5));
                    server.handshake();
                    byte[] big = server.input().readNBytes(200_000);
                    server.output().write(("got " + big.length).getBytes(StandardCharsets.UTF_8));
                    server.output().flush();
                    return server.session().getProtocol();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (TlsConnection client = Tls.client(env.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5)),
                    Tls.trusting(List.of(cert.certificate())), "127.0.0.1", listener.port())) {
                client.readTimeout(Duration.ofSeconds(5));
                client.handshake();
                client.output().write(new byte[200_000]);
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                byte[] buf = new byte[64];
                while (answer.size() < "got 200000".length()) {
                    int n = client.input().read(buf);
                    assertThat(n).isPositive();
                    answer.write(buf, 0, n);
                }
                assertThat(answer.toString(StandardCharsets.UTF_8)).isEqualTo("got 200000");
                assertThat(client.session().getProtocol()).isEqualTo("TLSv1.3");
            }
            assertThat(served.get(5, TimeUnit.SECONDS)).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void aClientRefusesACertificateItWasNotToldToTrust() throws Exception {
        LabCertificate cert = LabCertificate.selfSigned("127.0.0.1");
        LabCertificate other = LabCertificate.selfSigned("127.0.0.1");
        assertThat(handshakeWith(cert, other, "127.0.0.1")).isInstanceOf(SSLException.class).hasMessageContaining("PKIX");
    }

    @Test
    void aClientRefusesACertificateForAnotherName() throws Exception {
        LabCertificate cert = LabCertificate.selfSigned("localhost");
        assertThat(handshakeWith(cert, cert, "127.0.0.1")).isInstanceOf(SSLException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void pemRoundTrips() throws Exception {
        LabCertificate cert = LabCertificate.selfSigned("127.0.0.1", "chat.wslab.test");
        assertThat(Tls.certificates("log line\n" + cert.pem() + "more")).containsExactly(cert.certificate());
        assertThat(cert.names()).containsExactly("127.0.0.1", "chat.wslab.test");
        assertThat(Tls.spkiSha256(cert.certificate())).hasSize(44);
    }

    @Test
    void plainTextOnTheTlsPortFailsTheHandshake() throws Exception {
        LabCertificate cert = LabCertificate.selfSigned("127.0.0.1");
        try (TcpListener listener = env.listen(0)) {
            CompletableFuture<Throwable> served = CompletableFuture.supplyAsync(() -> {
                try (TlsConnection server = Tls.server(listener.accept(), cert.serverContext())) {
                    server.readTimeout(Duration.ofSeconds(5));
                    server.handshake();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            try (TcpConnection plain = env.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5))) {
                plain.output().write("GET /secure HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                plain.output().flush();
                assertThat(served.get(5, TimeUnit.SECONDS)).isInstanceOf(SSLException.class);
            }
        }
    }

    private Throwable handshakeWith(LabCertificate served, LabCertificate trusted, String host) throws Exception {
        try (TcpListener listener = env.listen(0)) {
            CompletableFuture.runAsync(() -> {
                try (TlsConnection server = Tls.server(listener.accept(), served.serverContext())) {
                    server.readTimeout(Duration.ofSeconds(5));
                    server.handshake();
                } catch (IOException ignored) {
                    // The client gives up; that is the test.
                }
            });
            TlsConnection client = Tls.client(env.connect("127.0.0.1", listener.port(), Duration.ofSeconds(5)),
                    Tls.trusting(List.of(trusted.certificate())), host, listener.port());
            client.readTimeout(Duration.ofSeconds(5));
            try (client) {
                client.handshake();
                return null;
            } catch (SSLException e) {
                return e;
            }
        }
    }
}
