package dev.vacme.common.pki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A parsed PKCS#10 CSR: its key, its requested names, and whether its self-signature holds. The
 * server's finalize checks (RFC 8555 §7.4) are made on this view.
 */
public final class Csr {

    private final PKCS10CertificationRequest request;
    private final PublicKey publicKey;
    private final List<String> dnsNames;
    private final List<InetAddress> ipAddresses;
    private final List<String> otherNames;
    private final Optional<String> commonName;

    private Csr(PKCS10CertificationRequest request, PublicKey publicKey, List<String> dnsNames,
            List<InetAddress> ipAddresses, List<String> otherNames, Optional<String> commonName) {
        this.request = request;
        this.publicKey = publicKey;
        this.dnsNames = List.copyOf(dnsNames);
        this.ipAddresses = List.copyOf(ipAddresses);
        this.otherNames = List.copyOf(otherNames);
        this.commonName = commonName;
    }

    /**
     * Parses a DER-encoded CSR.
     *
     * @throws PkiException when it is not a well-formed CSR with a supported key
     */
    public static Csr parse(byte[] der) {
        try {
            PKCS10CertificationRequest request = new PKCS10CertificationRequest(der);
            PublicKey publicKey = new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
            List<String> dns = new ArrayList<>();
            List<InetAddress> ips = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (GeneralName name : subjectAltNames(request)) {
                switch (name.getTagNo()) {
                    case GeneralName.dNSName -> dns.add(ASN1IA5String.getInstance(name.getName()).getString());
                    case GeneralName.iPAddress -> ips.add(ipAddress(name));
                    default -> others.add(describe(name));
                }
            }
            return new Csr(request, publicKey, dns, ips, others, commonName(request));
        } catch (PkiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports malformed ASN.1 anywhere in the request with unchecked exceptions.
            throw new PkiException("the CSR is not a valid PKCS#10 request: " + e.getMessage(), e);
        }
    }

    /** Returns the requested public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** Returns the DNS names of the subjectAltName extension, in order, as written. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** Returns the IP addresses of the subjectAltName extension, in order. */
    public List<InetAddress> ipAddresses() {
        return ipAddresses;
    }

    /** Returns a description of every subjectAltName that is neither a DNS name nor an IP address. */
    public List<String> otherNames() {
        return otherNames;
    }

    /** Returns the subject common name, if there is exactly one. */
    public Optional<String> commonName() {
        return commonName;
    }

    /**
     * Returns true when the CSR's signature verifies with its own public key: EC and Ed25519
     * signatures on BouncyCastle's lightweight API (see {@link LightweightKeys}), RSA on the JDK.
     */
    public boolean isSignatureValid() {
        try {
            return request.isSignatureValid(verifierProvider());
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            return false;
        }
    }

    private ContentVerifierProvider verifierProvider() throws OperatorCreationException {
        Optional<AsymmetricKeyParameter> lightweight = LightweightKeys.of(publicKey);
        if (lightweight.isEmpty()) {
            return new JcaContentVerifierProviderBuilder().build(publicKey);
        }
        if (lightweight.get() instanceof Ed25519PublicKeyParameters) {
            return new BcEdDSAContentVerifierProviderBuilder().build(lightweight.get());
        }
        return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                .build(lightweight.get());
    }

    /**
     * Returns the object identifier of the algorithm the CSR is signed with, e.g.
     * {@code 1.2.840.10045.4.3.2} for ECDSA with SHA-256.
     */
    public String signatureAlgorithmOid() {
        return request.getSignatureAlgorithm().getAlgorithm().getId();
    }

    /** Returns the name of the signature algorithm, e.g. {@code SHA1WITHRSA}, or its OID when unknown. */
    public String signatureAlgorithmName() {
        return new DefaultAlgorithmNameFinder().getAlgorithmName(request.getSignatureAlgorithm());
    }

    /** Returns the DER encoding. */
    public byte[] der() {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new PkiException("cannot encode CSR", e);
        }
    }

    private static List<GeneralName> subjectAltNames(PKCS10CertificationRequest request) {
        List<GeneralName> names = new ArrayList<>();
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                Extensions extensions = Extensions.getInstance(value);
                GeneralNames general = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (general != null) {
                    names.addAll(List.of(general.getNames()));
                }
            }
        }
        return names;
    }

    private static InetAddress ipAddress(GeneralName name) {
        byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
        if (octets.length != 4 && octets.length != 16) {
            throw new PkiException("the CSR has an IP address SAN of " + octets.length + " bytes");
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new PkiException("the CSR has an invalid IP address SAN", e);
        }
    }

    private static Optional<String> commonName(PKCS10CertificationRequest request) {
        RDN[] rdns = request.getSubject().getRDNs(BCStyle.CN);
        if (rdns.length != 1) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }

    private static String describe(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.rfc822Name -> "email address " + name.getName();
            case GeneralName.uniformResourceIdentifier -> "URI " + name.getName();
            case GeneralName.directoryName -> "directory name " + name.getName();
            default -> "subjectAltName of type " + name.getTagNo();
        };
    }
}
