package io.acrlifecycle.emulator.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The emulator's CA and server certificate (EC P-256: key generation costs milliseconds, unlike RSA).
 * The CA is made once per JVM (or loaded from a state directory) so that later starts are fast and clients that
 * trusted it keep trusting it. Files written: {@code ca.crt} (PEM; also the layout skopeo's {@code --cert-dir}
 * wants), {@code server.crt}, {@code server.key}, {@code truststore.p12} (password {@link #TRUST_STORE_PASSWORD}).
 */
public final class TlsMaterial {
    public static final String TRUST_STORE_PASSWORD = "changeit";
    private static final char[] KEY_PASSWORD = "emulator".toCharArray();
    private static KeyPair sharedCaKey;
    private static X509Certificate sharedCaCert;

    private final KeyPair caKey;
    private final X509Certificate caCert;
    private final KeyPair serverKey;
    private final X509Certificate serverCert;
    private final Path dir;

    private TlsMaterial(KeyPair caKey, X509Certificate caCert, KeyPair serverKey, X509Certificate serverCert, Path dir) {
        this.caKey = caKey;
        this.caCert = caCert;
        this.serverKey = serverKey;
        this.serverCert = serverCert;
        this.dir = dir;
    }

    /**
     * @param dir   where the files go; with {@code persistent} an existing CA there is reused
     * @param hosts names and IPs for the server certificate's SAN
     */
    public static TlsMaterial create(Path dir, boolean persistent, Set<String> hosts) {
        try {
            Files.createDirectories(dir);
            KeyPair caKey;
            X509Certificate caCert;
            Path caCrt = dir.resolve("ca.crt");
            Path caKeyFile = dir.resolve("ca.key");
            if (persistent && Files.exists(caCrt) && Files.exists(caKeyFile)) {
                caCert = readCert(Files.readString(caCrt));
                caKey = new KeyPair(caCert.getPublicKey(), readKey(Files.readString(caKeyFile)));
            } else {
                synchronized (TlsMaterial.class) {
                    if (sharedCaCert == null) {
                        sharedCaKey = newKey();
                        sharedCaCert = issueCa(sharedCaKey);
                    }
                    caKey = sharedCaKey;
                    caCert = sharedCaCert;
                }
            }
            Set<String> san = new LinkedHashSet<>(List.of("127.0.0.1", "localhost"));
            san.addAll(hosts);
            KeyPair serverKey = newKey();
            X509Certificate serverCert = issueServer(caKey, caCert, serverKey, san);
            TlsMaterial m = new TlsMaterial(caKey, caCert, serverKey, serverCert, dir);
            m.writeFiles(persistent);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot create the emulator's TLS certificates", e);
        }
    }

    public Path caCertificatePem() {
        return dir.resolve("ca.crt");
    }

    public Path trustStorePkcs12() {
        return dir.resolve("truststore.p12");
    }

    public Path directory() {
        return dir;
    }

    /** Server side: the server key and certificate chain. */
    public SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", serverKey.getPrivate(), KEY_PASSWORD, new X509Certificate[] {serverCert, caCert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, KEY_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }

    /** Client side: trusts the emulator's CA only. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the client TLS context", e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("acr-emulator-ca", caCert);
        return ts;
    }

    private void writeFiles(boolean persistent) throws IOException, GeneralSecurityException {
        writeAtomically(caCertificatePem(), pem(caCert).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (persistent) {
            writeAtomically(dir.resolve("ca.key"), pkcs8(caKey.getPrivate()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        writeAtomically(dir.resolve("server.crt"), (pem(serverCert) + pem(caCert)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        writeAtomically(dir.resolve("server.key"), pkcs8(serverKey.getPrivate()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path tmp = Files.createTempFile(dir, "truststore", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        Files.move(tmp, trustStorePkcs12(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate issueCa(KeyPair key) throws GeneralSecurityException, IOException,
            org.bouncycastle.operator.OperatorCreationException {
        X500Name name = new X500Name("CN=ACR Lifecycle emulator CA " + Instant.now().getEpochSecond());
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, key.getPublic());
        var ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
        return sign(b, key.getPrivate());
    }

    private static X509Certificate issueServer(KeyPair caKey, X509Certificate caCert, KeyPair key, Set<String> hosts)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        Instant now = Instant.now();
        X500Name issuer = new X500Name(caCert.getSubjectX500Principal().getName());
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli() * 1000 + new SecureRandom().nextInt(1000)),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))),
                new X500Name("CN=" + hosts.iterator().next()), key.getPublic());
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
            names.add(isIp(h) ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
        }
        var ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
        return sign(b, caKey.getPrivate());
    }

    private static boolean isIp(String h) {
        return h.matches("[0-9.]+") || h.contains(":");
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static X509Certificate readCert(String pem) throws IOException, GeneralSecurityException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
        }
    }

    private static PrivateKey readKey(String pem) throws GeneralSecurityException {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(b64)));
    }

    /** PKCS#8 PEM, which the JDK reads back without BouncyCastle's help. */
    private static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

}
