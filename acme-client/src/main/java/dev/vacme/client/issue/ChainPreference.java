package dev.vacme.client.issue;

import dev.vacme.client.ErrorText;
import dev.vacme.client.InterruptedRunException;
import dev.vacme.client.VacmeException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * certbot's {@code --preferred-chain}: among the chains a server offers for one certificate (the
 * default and its alternates, RFC 8555 §7.4.2), the first whose topmost certificate is issued by
 * the named CA or is that CA; the default chain when none is.
 *
 * @param name the common name of the preferred issuer, as certbot's {@code preferred_chain}
 */
public record ChainPreference(String name) {

    public ChainPreference {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a chain preference needs an issuer name");
        }
    }

    /**
     * Returns true when the chain's topmost certificate has the preferred name as its issuer's or
     * its own common name (certbot matches either, so a chain that ends in the root itself matches too).
     */
    public boolean matches(IssuedChain chain) {
        List<X509Certificate> certificates = chain.certificates();
        X509Certificate top = certificates.get(certificates.size() - 1);
        return commonName(top.getIssuerX500Principal()).filter(name::equals).isPresent()
                || commonName(top.getSubjectX500Principal()).filter(name::equals).isPresent();
    }

    /**
     * Chooses a chain: the default one when it matches, else the first matching alternate; an
     * alternate that cannot be downloaded or parsed is skipped with a warning, and the default
     * chain stays when none matches.
     *
     * @param defaultChain the chain at the certificate URL
     * @param alternates   the URLs of the alternate chains, in the server's order
     * @param download     downloads and parses the chain at a URL
     * @param log          receives what was chosen and why
     * @param warn         receives what was skipped: an alternate that cannot be downloaded or is for
     *                     another certificate
     */
    public IssuedChain choose(IssuedChain defaultChain, List<URI> alternates, Function<URI, IssuedChain> download,
            Consumer<String> log, Consumer<String> warn) {
        if (matches(defaultChain)) {
            log.accept("the default chain matches the preferred chain " + name);
            return defaultChain;
        }
        for (URI url : alternates) {
            Optional<IssuedChain> alternate = tryDownload(url, download, warn);
            if (alternate.isPresent() && !alternate.get().leaf().equals(defaultChain.leaf())) {
                warn.accept("the alternate chain at " + url + " is for another certificate; ignoring it");
            } else if (alternate.isPresent() && matches(alternate.get())) {
                log.accept("using the alternate chain at " + url + ", which matches the preferred chain " + name);
                return alternate.get();
            }
        }
        log.accept("no chain offered by the server matches the preferred chain " + name
                + (alternates.isEmpty() ? " (it offers no alternates)" : "") + "; keeping the default chain");
        return defaultChain;
    }

    private static Optional<IssuedChain> tryDownload(URI url, Function<URI, IssuedChain> download,
            Consumer<String> warn) {
        try {
            return Optional.of(download.apply(url));
        } catch (InterruptedRunException e) {
            throw e;
        } catch (VacmeException e) {
            warn.accept("cannot fetch the alternate chain at " + url + " (" + ErrorText.of(e)
                    + "); it is not considered");
            return Optional.empty();
        }
    }

    /** Returns the distinguished name's common name, when it has exactly one. */
    static Optional<String> commonName(X500Principal principal) {
        RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
        if (rdns.length != 1) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return Optional.of(value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value));
    }
}
