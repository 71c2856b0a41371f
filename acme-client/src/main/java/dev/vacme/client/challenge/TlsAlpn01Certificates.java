package dev.vacme.client.challenge;

import dev.vacme.client.ErrorText;
import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.IdentifierType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the self-signed certificate that answers tls-alpn-01 (RFC 8737 §3): exactly one
 * subjectAltName, the identifier, and the critical id-pe-acmeIdentifier extension holding
 * SHA-256 of the key authorization. IP identifiers carry an iPAddress SAN (RFC 8738 §6).
 */
final class TlsAlpn01Certificates {

    private TlsAlpn01Certificates() {
    }

    /**
     * A certificate with its key.
     *
     * @param keys        the certificate's key pair (P-256)
     * @param certificate the self-signed certificate
     */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    /** Creates the validation certificate of one challenge. */
    static Issued create(ChallengeTask task, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=ACME tls-alpn-01 challenge");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, random).setBit(63), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(7))), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltName(task)));
            builder.addExtension(KeyAuthorizations.ACME_IDENTIFIER_OID, true,
                    KeyAuthorizations.tlsAlpn01ExtensionValue(task.keyAuthorization()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Issued(keys, certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new AuthenticatorException("cannot create the tls-alpn-01 certificate for " + task.domain() + ": "
                    + ErrorText.of(e), e);
        }
    }

    private static GeneralName subjectAltName(ChallengeTask task) {
        return task.identifier().type() == IdentifierType.IP
                ? new GeneralName(GeneralName.iPAddress, task.domain())
                : new GeneralName(GeneralName.dNSName, task.domain());
    }

    /**
     * Returns the name a validator sends as SNI for the identifier: the name itself, or for an IP
     * address its reverse-lookup name (RFC 8738 §6), e.g. {@code 1.0.0.127.in-addr.arpa}.
     */
    static String serverName(ChallengeTask task) {
        if (task.identifier().type() != IdentifierType.IP) {
            return task.domain().toLowerCase(Locale.ROOT);
        }
        byte[] address;
        try {
            address = InetAddress.getByName(task.domain()).getAddress();
        } catch (UnknownHostException e) {
            throw new AuthenticatorException("'" + task.domain() + "' is not an IP address", e);
        }
        StringBuilder name = new StringBuilder();
        for (int i = address.length - 1; i >= 0; i--) {
            int b = address[i] & 0xff;
            if (address.length == 4) {
                name.append(b).append('.');
            } else {
                name.append(Integer.toHexString(b & 0xf)).append('.').append(Integer.toHexString(b >> 4)).append('.');
            }
        }
        return name.append(address.length == 4 ? "in-addr.arpa" : "ip6.arpa").toString();
    }
}
