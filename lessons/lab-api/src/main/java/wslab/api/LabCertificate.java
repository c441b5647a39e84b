package wslab.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate and its key, made when a lab server starts (Bouncy Castle builds
 * it): an EC P-256 key, ECDSA with SHA-256, the names it answers for in subjectAltName, and the
 * extensions a TLS client looks for in a server certificate. No one trusts it until told to: the
 * server prints it (PEM) in its log, and the grader, or a browser, trusts exactly that.
 */
public final class LabCertificate {

    /**
     * TLS peers check a certificate's dates against their own real clocks (on virtual time too),
     * so its validity is a span around the real date, wide enough for any grade.
     */
    private static final Duration VALID_BEFORE = Duration.ofDays(1);
    private static final Duration VALID_AFTER = Duration.ofDays(30);

    private final KeyPair keys;
    private final X509Certificate certificate;

    private LabCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /**
     * A fresh key and certificate for {@code names}: IP addresses ({@code 127.0.0.1}) or DNS names
     * ({@code localhost}, {@code chat.wslab.test}). The first one is also its common name.
     */
    public static LabCertificate selfSigned(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("a certificate names at least one host");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names[0] + ", O=wslab lab certificate");
            SecureRandom random = new SecureRandom();
            Instant real = new Date().toInstant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random).abs().add(BigInteger.ONE),
                    Date.from(real.minus(VALID_BEFORE)), Date.from(real.plus(VALID_AFTER)), subject, keys.getPublic());
            GeneralName[] alt = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                alt[i] = new GeneralName(isIpAddress(names[i]) ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new LabCertificate(keys, certificate);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not make a certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM, for the log and for {@code --trust}. */
    public String pem() {
        return Tls.pem(certificate);
    }

    /** A server context that presents this certificate. */
    public SSLContext serverContext() {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("lab", keys.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not build a TLS server context: " + e.getMessage(), e);
        }
    }

    /** The names it was made for, from its subjectAltName, as given. */
    public List<String> names() {
        try {
            return certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean isIpAddress(String name) {
        if (!name.matches("[0-9.]+|.*:.*")) {
            return false;
        }
        try {
            // A literal only: no name lookup happens for text that is an address.
            InetAddress.getByName(name);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
