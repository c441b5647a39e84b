package wslab.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the lab's {@code wss://} endpoints, layered over the environment's connections (a
 * solution never opens an {@code SSLSocket} of its own: it would bypass the environment).
 * TLS 1.3 and 1.2 only: RFC 8996 retired 1.0 and 1.1.
 */
public final class Tls {

    /** The protocol versions a lab endpoint offers, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Pattern PEM_CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private Tls() {
    }

    /** The server side of TLS on an accepted connection; call {@link TlsConnection#handshake()} next. */
    public static TlsConnection server(TcpConnection accepted, SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
        return new TlsConnection(accepted, engine);
    }

    /**
     * The client side of TLS to {@code host}: the server's certificate must chain to one that
     * {@code context} trusts and name {@code host} (an IP address or a DNS name) in its
     * subjectAltName, as a browser requires.
     */
    public static TlsConnection client(TcpConnection connected, SSLContext context, String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        engine.setSSLParameters(p);
        return new TlsConnection(connected, engine);
    }

    /** A client context that trusts exactly {@code certificates}, and nothing else. */
    public static SSLContext trusting(Collection<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate c : certificates) {
                store.setCertificateEntry("trusted-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** Every certificate in PEM text (a file, or the lines a server logged), in order. */
    public static List<X509Certificate> certificates(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> found = new ArrayList<>();
        Matcher m = PEM_CERTIFICATE.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
            found.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return found;
    }

    /** The certificate in PEM, 64 characters a line. */
    public static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of the SHA-256 of the certificate's public key (SPKI): how Chromium is told to trust one key. */
    public static String spkiSha256(X509Certificate certificate) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
