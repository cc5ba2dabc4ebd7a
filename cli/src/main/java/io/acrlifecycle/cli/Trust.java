package io.acrlifecycle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * {@code --ca-file}: trusts the JDK's default CAs plus the certificates of a PEM file. It only ever adds trust;
 * there is no way to switch verification off.
 */
final class Trust {
    private Trust() {
    }

    static SSLContext withPem(Path pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultCas()) {
                store.setCertificateEntry("jdk-" + n++, ca);
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pem)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw CliException.usage("--ca-file: '" + pem + "' holds no certificate; accepted: a PEM file with "
                        + "one or more -----BEGIN CERTIFICATE----- blocks");
            }
            int i = 0;
            for (Certificate cert : extra) {
                store.setCertificateEntry("ca-file-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "does not exist"
                    : java.nio.file.Files.isDirectory(pem) ? "is a directory" : "cannot be read";
            throw CliException.usage("--ca-file: '" + pem + "' " + why + "; accepted: a PEM file of one or more "
                    + "-----BEGIN CERTIFICATE----- blocks");
        } catch (GeneralSecurityException e) {
            throw CliException.usage("--ca-file: '" + pem + "' is not a PEM certificate file ("
                    + e.getMessage() + ")");
        }
    }

    private static X509Certificate[] defaultCas() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
