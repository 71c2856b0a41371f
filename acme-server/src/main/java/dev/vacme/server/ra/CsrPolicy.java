package dev.vacme.server.ra;

import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.Csr;
import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.pki.PkiException;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The finalize checks on a CSR (RFC 8555 §7.4): an acceptable key that is not the account key, a
 * valid self-signature made with an accepted algorithm, only DNS and IP subjectAltNames, and requested names (the subjectAltNames
 * and the common name, since §7.4 lets an identifier appear in either) exactly equal to the
 * order's identifiers. Every failure is {@code badCSR}.
 */
public final class CsrPolicy {

    /**
     * The CSR signature algorithms accepted: RSA PKCS#1 v1.5 and RSASSA-PSS, and ECDSA, each with
     * SHA-256, SHA-384 or SHA-512; and Ed25519. SHA-1 and MD5 are refused, as every public CA does.
     */
    private static final Set<String> SIGNATURE_ALGORITHMS = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.sha384WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.sha512WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.id_RSASSA_PSS.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA256.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA384.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA512.getId(),
            EdECObjectIdentifiers.id_Ed25519.getId());

    private CsrPolicy() {
    }

    /**
     * Parses and checks a CSR.
     *
     * @param der                   the DER CSR from the finalize request
     * @param identifiers           the order's identifiers (normalized)
     * @param accountKeyThumbprint  the RFC 7638 thumbprint of the account key
     * @return the parsed CSR
     * @throws AcmeProblemException {@code badCSR} naming the first problem found
     */
    public static Csr check(byte[] der, List<Identifier> identifiers, String accountKeyThumbprint) {
        Csr csr;
        try {
            csr = Csr.parse(der);
        } catch (PkiException e) {
            throw badCsr("the CSR cannot be parsed: " + e.getMessage());
        }
        KeyPolicy.check(csr.publicKey(), KeyPolicy.Use.CERTIFICATE);
        if (!SIGNATURE_ALGORITHMS.contains(csr.signatureAlgorithmOid())) {
            throw badCsr("the CSR is signed with " + csr.signatureAlgorithmName()
                    + "; sign it with SHA-256 or stronger (RSA or ECDSA), or with Ed25519");
        }
        if (!csr.isSignatureValid()) {
            throw badCsr("the CSR's signature does not verify with its public key");
        }
        if (Jwks.thumbprint(csr.publicKey()).equals(accountKeyThumbprint)) {
            throw badCsr("the CSR's key is the account key; certificates need a key of their own");
        }
        if (!csr.otherNames().isEmpty()) {
            throw badCsr("the CSR may only hold DNS and IP subjectAltNames, not " + String.join(", ", csr.otherNames()));
        }
        Set<String> requested = requestedNames(csr);
        Set<String> ordered = new LinkedHashSet<>();
        identifiers.forEach(id -> ordered.add(id.type() == IdentifierType.IP ? "ip:" + id.value() : "dns:" + id.value()));
        if (!requested.equals(ordered)) {
            throw badCsr(mismatch(requested, ordered));
        }
        return csr;
    }

    private static Set<String> requestedNames(Csr csr) {
        Set<String> names = new LinkedHashSet<>();
        csr.dnsNames().forEach(name -> names.add("dns:" + name.toLowerCase(Locale.ROOT)));
        for (InetAddress address : csr.ipAddresses()) {
            names.add("ip:" + IpAddresses.canonical(address));
        }
        csr.commonName().map(CsrPolicy::nameKey).ifPresent(names::add);
        return names;
    }

    private static String nameKey(String commonName) {
        return IpAddresses.parse(commonName)
                .map(address -> "ip:" + IpAddresses.canonical(address))
                .orElse("dns:" + commonName.toLowerCase(Locale.ROOT));
    }

    private static String mismatch(Set<String> requested, Set<String> ordered) {
        Set<String> missing = new TreeSet<>(ordered);
        missing.removeAll(requested);
        Set<String> extra = new TreeSet<>(requested);
        extra.removeAll(ordered);
        StringBuilder detail = new StringBuilder("the CSR's names must equal the order's identifiers");
        if (!missing.isEmpty()) {
            detail.append("; missing: ").append(String.join(", ", strip(missing)));
        }
        if (!extra.isEmpty()) {
            detail.append("; not in the order: ").append(String.join(", ", strip(extra)));
        }
        return detail.toString();
    }

    private static List<String> strip(Set<String> keys) {
        return keys.stream().map(key -> key.substring(key.indexOf(':') + 1)).toList();
    }

    private static AcmeProblemException badCsr(String detail) {
        return AcmeProblemException.of(ProblemType.BAD_CSR, detail);
    }
}
