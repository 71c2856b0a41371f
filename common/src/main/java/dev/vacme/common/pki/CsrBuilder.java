package dev.vacme.common.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.security.KeyPair;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Builds a PKCS#10 CSR (RFC 2986) for DNS names and IP addresses, the form RFC 8555 §7.4 finalize
 * expects. The first DNS name (or else the first address) becomes the subject common name, which
 * clients such as certbot also do; the names are all in the subjectAltName extension.
 */
public final class CsrBuilder {

    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private boolean commonName = true;

    /** Adds a DNS name. */
    public CsrBuilder dns(String name) {
        dnsNames.add(name);
        return this;
    }

    /** Adds DNS names. */
    public CsrBuilder dns(List<String> names) {
        dnsNames.addAll(names);
        return this;
    }

    /** Adds an IP address in textual form (RFC 8738). */
    public CsrBuilder ip(String address) {
        if (!IpAddresses.isLiteral(address)) {
            throw new IllegalArgumentException("not an IP address literal: " + address);
        }
        ipAddresses.add(address);
        return this;
    }

    /** Leaves the subject empty instead of putting the first name in the common name. */
    public CsrBuilder withoutCommonName() {
        commonName = false;
        return this;
    }

    /** Signs the request with the key pair and returns its DER encoding. */
    public byte[] build(KeyPair keys) {
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalStateException("a CSR needs at least one name");
        }
        try {
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            ipAddresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(subject(), keys.getPublic());
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            ContentSigner signer = new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPublic()))
                    .build(keys.getPrivate());
            return builder.build(signer).getEncoded();
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("cannot sign a CSR with this key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private X500Name subject() {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        if (commonName) {
            String cn = dnsNames.isEmpty() ? canonicalIp(ipAddresses.get(0)) : dnsNames.get(0);
            subject.addRDN(BCStyle.CN, cn);
        }
        return subject.build();
    }

    private static String canonicalIp(String address) {
        return IpAddresses.parse(address).map(InetAddress::getHostAddress).orElse(address);
    }
}
