package dev.vacme.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.server.ca.IssuerIds;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;

/** How the ca commands describe a CA certificate, as text lines and as JSON. */
final class CaFacts {

    private CaFacts() {
    }

    /** The SHA-256 fingerprint of the certificate's DER encoding, as openssl prints it (AB:CD:...). */
    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }

    /** The serial as lower-case hex. */
    static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** The lines describing a certificate, each indented by {@code indent}. */
    static void print(java.io.PrintWriter out, String indent, X509Certificate certificate) {
        out.println(indent + "subject:     " + certificate.getSubjectX500Principal().getName());
        out.println(indent + "issuer:      " + certificate.getIssuerX500Principal().getName());
        out.println(indent + "serial:      " + serial(certificate));
        out.println(indent + "sha256:      " + fingerprint(certificate));
        out.println(indent + "valid:       " + certificate.getNotBefore().toInstant() + " to "
                + certificate.getNotAfter().toInstant());
    }

    /** The certificate's facts as a JSON object. */
    static ObjectNode json(X509Certificate certificate) {
        ObjectNode object = AcmeJson.objectNode();
        object.put("id", IssuerIds.of(certificate));
        object.put("subject", certificate.getSubjectX500Principal().getName());
        object.put("issuer", certificate.getIssuerX500Principal().getName());
        object.put("serial", serial(certificate));
        object.put("sha256", fingerprint(certificate));
        object.put("notBefore", certificate.getNotBefore().toInstant().toString());
        object.put("notAfter", certificate.getNotAfter().toInstant().toString());
        return object;
    }

    /** A duration as operators write it in the configuration: 24h, 90d, 0. */
    static String duration(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        if (duration.toSeconds() % 86400 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toSeconds() + "s";
    }
}
