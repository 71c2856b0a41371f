package dev.vacme.server.ca;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.SignatureAlgorithms;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate layouts Vacme signs (RFC 5280): the root and intermediate of a new CA, and
 * end-entity certificates shaped by the order's {@link Profile}. End-entity certificates are signed
 * through a {@link SigningKeySource}, which owns the key and its provider.
 */
public final class CertificateProfiles {

    private static final int MAX_COMMON_NAME_LENGTH = 64;

    private CertificateProfiles() {
    }

    /** Builds a self-signed root CA certificate. */
    public static X509Certificate root(KeyPair keys, String commonName, BigInteger serial, Instant notBefore,
            Instant notAfter) {
        return root(keys.getPublic(), commonName, serial, notBefore, notAfter, signer(keys));
    }

    /**
     * Builds a self-signed root CA certificate for {@code key}, signed by {@code signer} with its
     * private half (e.g. a key on a PKCS#11 token).
     */
    public static X509Certificate root(PublicKey key, String commonName, BigInteger serial, Instant notBefore,
            Instant notAfter, ContentSigner signer) {
        X500Name name = caName(commonName);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore),
                Date.from(notAfter), name, key);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the root certificate", e);
        }
        return convert(builder.build(signer));
    }

    /** Builds an intermediate CA certificate (path length 0) signed by the root. */
    public static X509Certificate intermediate(PublicKey key, String commonName, X509Certificate root,
            KeyPair rootKeys, BigInteger serial, Instant notBefore, Instant notAfter) {
        return intermediate(key, commonName, root, signer(rootKeys), serial, notBefore, notAfter);
    }

    /**
     * Builds an intermediate CA certificate (path length 0) signed by {@code rootSigner}, which
     * signs with the root's private key wherever it lives.
     */
    public static X509Certificate intermediate(PublicKey key, String commonName, X509Certificate root,
            ContentSigner rootSigner, BigInteger serial, Instant notBefore, Instant notAfter) {
        return intermediate(key, caName(commonName), root, rootSigner, serial, notBefore, notAfter);
    }

    /**
     * Builds an intermediate CA certificate (path length 0) signed by a root through its signer:
     * a new intermediate of the CA's own root, or a second certificate for an existing
     * intermediate's key and name from another root (a cross-signature).
     */
    public static X509Certificate intermediate(PublicKey key, X500Name subject, X509Certificate root,
            ContentSigner rootSigner, BigInteger serial, Instant notBefore, Instant notAfter) {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, serial, Date.from(notBefore),
                Date.from(notAfter), subject, key);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                    KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            // Key identifier only: the CA/Browser Forum BRs forbid issuer name and serial in the AKI.
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(root.getPublicKey()));
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the intermediate certificate", e);
        }
        return convert(builder.build(rootSigner));
    }

    /** The distinguished name of a Vacme CA certificate with this common name. */
    public static X500Name caName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Vacme").addRDN(BCStyle.CN, commonName).build();
    }

    /**
     * Builds an end-entity certificate: the identifiers in subjectAltName, the first DNS name as
     * common name when it fits, the profile's key usages (keyEncipherment only for RSA keys) and
     * extended key usages, basic constraints CA:false, subject and authority key identifiers.
     */
    public static X509Certificate endEntity(IssuanceRequest request, SigningKeySource issuer) {
        return endEntity(request, issuer, Optional.empty());
    }

    /**
     * Builds an end-entity certificate as {@link #endEntity(IssuanceRequest, SigningKeySource)}
     * does; with PKI URLs it also names where relying parties find its status: a CRL distribution
     * point (RFC 5280 §4.2.1.13) and authority information access with the OCSP responder and the
     * issuer certificate (§4.2.2.1).
     */
    public static X509Certificate endEntity(IssuanceRequest request, SigningKeySource issuer, Optional<PkiUrls> urls) {
        X509Certificate issuerCertificate = issuer.issuer();
        X500Name subject = endEntitySubject(request.identifiers());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerCertificate, request.serial(),
                Date.from(request.notBefore()), Date.from(request.notAfter()), subject, request.subjectKey());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            // RFC 5280 §4.2.1.6: subjectAltName is critical when the subject is empty.
            builder.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0,
                    subjectAltNames(request.identifiers()));
            builder.addExtension(Extension.keyUsage, true, keyUsage(request.profile(), request.subjectKey()));
            builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(request.profile()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(request.subjectKey()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerCertificate.getPublicKey()));
            if (urls.isPresent()) {
                addStatusLocations(builder, urls.get(), IssuerIds.of(issuerCertificate));
            }
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the certificate", e);
        }
        return convert(builder.build(issuer.signer()));
    }

    private static void addStatusLocations(X509v3CertificateBuilder builder, PkiUrls urls, String issuerId)
            throws CertIOException {
        GeneralName crl = new GeneralName(GeneralName.uniformResourceIdentifier, urls.crl(issuerId));
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(crl)), null, null)}));
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls.ocsp())),
            new AccessDescription(AccessDescription.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls.issuer(issuerId)))}));
    }

    private static KeyUsage keyUsage(Profile profile, PublicKey subjectKey) {
        int usage = 0;
        if (profile.keyUsages().contains(Profile.KeyUse.DIGITAL_SIGNATURE)) {
            usage |= KeyUsage.digitalSignature;
        }
        if (profile.keyUsages().contains(Profile.KeyUse.KEY_ENCIPHERMENT) && subjectKey instanceof RSAPublicKey) {
            usage |= KeyUsage.keyEncipherment;
        }
        return new KeyUsage(usage == 0 ? KeyUsage.digitalSignature : usage);
    }

    private static ExtendedKeyUsage extendedKeyUsage(Profile profile) {
        // A fixed order, so that the same profile always yields the same encoding.
        List<KeyPurposeId> purposes = new java.util.ArrayList<>();
        if (profile.extendedKeyUsages().contains(Profile.ExtendedUse.SERVER_AUTH)) {
            purposes.add(KeyPurposeId.id_kp_serverAuth);
        }
        if (profile.extendedKeyUsages().contains(Profile.ExtendedUse.CLIENT_AUTH)) {
            purposes.add(KeyPurposeId.id_kp_clientAuth);
        }
        return new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new));
    }

    private static X500Name endEntitySubject(List<Identifier> identifiers) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        identifiers.stream()
                .filter(id -> id.type() == IdentifierType.DNS && id.value().length() <= MAX_COMMON_NAME_LENGTH)
                .findFirst()
                .ifPresent(id -> builder.addRDN(BCStyle.CN, id.value()));
        return builder.build();
    }

    private static GeneralNames subjectAltNames(List<Identifier> identifiers) {
        return new GeneralNames(identifiers.stream()
                .map(id -> new GeneralName(id.type() == IdentifierType.IP ? GeneralName.iPAddress : GeneralName.dNSName,
                        id.value()))
                .toArray(GeneralName[]::new));
    }

    private static ContentSigner signer(KeyPair keys) {
        try {
            return new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPublic())).build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the certificate", e);
        }
    }

    private static X509Certificate convert(org.bouncycastle.cert.X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }
}
