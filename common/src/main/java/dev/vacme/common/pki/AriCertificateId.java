package dev.vacme.common.pki;

import dev.vacme.common.jws.Base64Url;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * The unique certificate identifier of ACME Renewal Information (RFC 9773 §4.1):
 * {@code base64url(AKI keyIdentifier) || '.' || base64url(DER serial number content)}, unpadded.
 *
 * @param keyIdentifier the issuer's key identifier from the certificate's AKI extension
 * @param serialContent the serial number's DER content octets (two's complement, minimal)
 */
public record AriCertificateId(byte[] keyIdentifier, byte[] serialContent) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    public AriCertificateId {
        keyIdentifier = keyIdentifier.clone();
        serialContent = serialContent.clone();
    }

    /**
     * Computes the identifier of a certificate.
     *
     * @throws PkiException when the certificate has no AKI key identifier
     */
    public static AriCertificateId of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new PkiException("cannot encode certificate", e);
        }
    }

    /** Computes the identifier from a DER certificate. */
    public static AriCertificateId of(byte[] certificateDer) {
        Certificate certificate;
        try {
            certificate = Certificate.getInstance(certificateDer);
        } catch (RuntimeException e) {
            throw new PkiException("corrupt certificate: " + e.getMessage(), e);
        }
        Extensions extensions = certificate.getTBSCertificate().getExtensions();
        AuthorityKeyIdentifier aki = extensions == null ? null : AuthorityKeyIdentifier.fromExtensions(extensions);
        if (aki == null || aki.getKeyIdentifierObject() == null) {
            throw new PkiException("the certificate has no authority key identifier");
        }
        byte[] keyId = ASN1OctetString.getInstance(aki.getKeyIdentifierObject()).getOctets();
        return new AriCertificateId(keyId, certificate.getSerialNumber().getValue().toByteArray());
    }

    /** Builds the identifier from an issuer key identifier and a serial number. */
    public static AriCertificateId of(byte[] keyIdentifier, BigInteger serial) {
        return new AriCertificateId(keyIdentifier, serial.toByteArray());
    }

    /**
     * Parses the textual form.
     *
     * @throws PkiException when it is not two non-empty unpadded base64url parts joined by a dot
     */
    public static AriCertificateId parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new PkiException("a certificate identifier is base64url(AKI) '.' base64url(serial), unpadded");
        }
        int dot = text.indexOf('.');
        try {
            byte[] keyId = Base64Url.decode(text.substring(0, dot));
            byte[] serial = Base64Url.decode(text.substring(dot + 1));
            if (serial.length == 0 || keyId.length == 0) {
                throw new PkiException("a certificate identifier has empty parts");
            }
            return new AriCertificateId(keyId, serial);
        } catch (IllegalArgumentException e) {
            if (e instanceof PkiException pki) {
                throw pki;
            }
            throw new PkiException("a certificate identifier is not valid base64url", e);
        }
    }

    /** Returns the serial number. */
    public BigInteger serial() {
        return new BigInteger(serialContent);
    }

    @Override
    public byte[] keyIdentifier() {
        return keyIdentifier.clone();
    }

    @Override
    public byte[] serialContent() {
        return serialContent.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AriCertificateId that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Returns the textual form, e.g. {@code aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE}. */
    @Override
    public String toString() {
        return Base64Url.encode(keyIdentifier) + "." + Base64Url.encode(serialContent);
    }
}
