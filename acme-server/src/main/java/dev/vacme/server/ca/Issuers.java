package dev.vacme.server.ca;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The intermediates this CA holds. The active one signs new certificates; every one listed may
 * still have live certificates, so each keeps answering for them (revocation lists, OCSP,
 * renewal information) until the last of them expires.
 */
public final class Issuers {

    private final SigningKeySource active;
    private final List<SigningKeySource> all;
    private final Map<String, List<List<X509Certificate>>> alternateChains;

    /**
     * @param active the issuer of new certificates
     * @param all    every issuer that may still have live certificates, including the active one
     * @throws IllegalArgumentException when {@code all} does not list the active issuer
     */
    public Issuers(SigningKeySource active, List<SigningKeySource> all) {
        this(active, all, Map.of());
    }

    /**
     * @param active          the issuer of new certificates
     * @param all             every issuer that may still have live certificates, including the active one
     * @param alternateChains by {@link IssuerIds issuer id}, further chains for that issuer's certificates
     *                        (RFC 8555 §7.4.2), each issuer first and without the root, e.g. the
     *                        intermediate cross-signed by another root
     * @throws IllegalArgumentException when {@code all} does not list the active issuer
     */
    public Issuers(SigningKeySource active, List<SigningKeySource> all,
            Map<String, List<List<X509Certificate>>> alternateChains) {
        if (!all.contains(active)) {
            throw new IllegalArgumentException("the active issuer must be one of all issuers");
        }
        this.active = active;
        this.all = List.copyOf(all);
        this.alternateChains = Map.copyOf(alternateChains);
    }

    /** A CA with a single intermediate. */
    public static Issuers of(SigningKeySource only) {
        return new Issuers(only, List.of(only));
    }

    /** The issuer of new certificates. */
    public SigningKeySource active() {
        return active;
    }

    /** Every issuer that may still have live certificates, the active one included. */
    public List<SigningKeySource> all() {
        return all;
    }

    /**
     * The alternate chains of an issuer's certificates (RFC 8555 §7.4.2): each lists the
     * certificates above the end-entity one, issuer first, without the root; empty when the
     * issuer has only its default chain.
     */
    public List<List<X509Certificate>> alternateChains(SigningKeySource issuer) {
        return alternateChains.getOrDefault(IssuerIds.of(issuer.issuer()), List.of());
    }

    /** Finds an issuer by its {@link IssuerIds key id}. */
    public Optional<SigningKeySource> byId(String id) {
        return all.stream().filter(source -> IssuerIds.of(source.issuer()).equals(id)).findFirst();
    }

    /** Finds the issuer whose key signed a certificate, if it is one of these. */
    public Optional<SigningKeySource> issuerOf(X509Certificate certificate) {
        return all.stream().filter(source -> signedBy(certificate, source.issuer())).findFirst();
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
