package dev.vacme.server.ca;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Issues the certificate of the server's own HTTPS listener from the CA, so that a client trusting
 * the root also trusts the ACME endpoint. Made fresh in memory at every start.
 */
public final class ListenerCertificates {

    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final Profile LISTENER = Profile.tls("listener", "the ACME listener's own certificate",
            EnumSet.of(Profile.ExtendedUse.SERVER_AUTH), VALIDITY);

    private ListenerCertificates() {
    }

    /**
     * A key and its certificate chain, both PEM.
     *
     * @param privateKeyPem the PKCS#8 private key
     * @param chainPem      the certificate followed by the intermediate
     */
    public record Credentials(String privateKeyPem, String chainPem) {
    }

    /** Issues a listener certificate for the given names and addresses. */
    public static Credentials issue(SigningKeySource ca, List<Identifier> names, Clock clock, SecureRandom random) {
        KeyPair keys = KeyType.EC_P256.generate(random);
        Instant now = clock.instant();
        Instant notAfter = now.plus(VALIDITY);
        Instant caNotAfter = ca.issuer().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        IssuanceRequest request = new IssuanceRequest(new SerialNumbers(random).next(), keys.getPublic(), names,
                now.minus(LISTENER.backdate()), notAfter, LISTENER);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(CertificateProfiles.endEntity(request, ca));
        chain.addAll(ca.chain());
        return new Credentials(Pem.encodePrivateKey(keys.getPrivate()), Pem.encodeCertificates(chain));
    }
}
