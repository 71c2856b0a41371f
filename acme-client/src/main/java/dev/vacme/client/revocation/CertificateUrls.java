package dev.vacme.client.revocation;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where a certificate says its revocation status is published: the OCSP responders of its
 * Authority Information Access extension (RFC 5280 §4.2.2.1, access method id-ad-ocsp) and the
 * CRLs of its CRL Distribution Points (§4.2.1.13). Only http and https URLs are returned (an
 * {@code ldap:} distribution point is skipped).
 *
 * @param ocsp the OCSP responder URLs, in the certificate's order
 * @param crls the CRL URLs, in the certificate's order
 */
record CertificateUrls(List<URI> ocsp, List<URI> crls) {

    CertificateUrls {
        ocsp = List.copyOf(ocsp);
        crls = List.copyOf(crls);
    }

    /**
     * Reads the URLs of a certificate.
     *
     * @throws IllegalArgumentException when an extension is malformed
     */
    static CertificateUrls of(X509Certificate certificate) {
        List<URI> ocsp = new ArrayList<>();
        ASN1Primitive aia = extension(certificate, Extension.authorityInfoAccess);
        if (aia != null) {
            for (AccessDescription access : AuthorityInformationAccess.getInstance(aia).getAccessDescriptions()) {
                if (AccessDescription.id_ad_ocsp.equals(access.getAccessMethod())) {
                    addUrl(ocsp, access.getAccessLocation());
                }
            }
        }
        List<URI> crls = new ArrayList<>();
        ASN1Primitive crldp = extension(certificate, Extension.cRLDistributionPoints);
        if (crldp != null) {
            for (DistributionPoint point : CRLDistPoint.getInstance(crldp).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        addUrl(crls, general);
                    }
                }
            }
        }
        return new CertificateUrls(ocsp, crls);
    }

    private static ASN1Primitive extension(X509Certificate certificate, ASN1ObjectIdentifier oid) {
        byte[] value = certificate.getExtensionValue(oid.getId());
        if (value == null) {
            return null;
        }
        try {
            return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate's extension " + oid.getId() + " is malformed", e);
        }
    }

    private static void addUrl(List<URI> urls, GeneralName name) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return;
        }
        try {
            URI uri = URI.create(((ASN1String) name.getName()).getString().strip());
            if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
                urls.add(uri);
            }
        } catch (IllegalArgumentException e) {
            // A malformed URL is no place to ask; the others may still answer.
        }
    }
}
