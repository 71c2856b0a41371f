package dev.vacme.client.testing;

import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** Checks that a PEM chain leads to a given root. */
public final class Chains {

    private Chains() {
    }

    /**
     * Validates {@code fullchain.pem} against the root, as a TLS client would.
     *
     * @throws GeneralSecurityException when it does not chain to the root
     */
    public static void validate(Path fullchain, X509Certificate root) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.readCertificates(Files.readString(fullchain));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(chain), parameters);
    }
}
