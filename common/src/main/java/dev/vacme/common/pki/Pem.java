package dev.vacme.common.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM encoding and decoding (RFC 7468) of keys, certificates, chains and CSRs. Private keys are
 * written as PKCS#8; reading also accepts PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}), the forms OpenSSL and older tools write.
 */
public final class Pem {

    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private Pem() {
    }

    /** Encodes a private key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
    public static String encodePrivateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Encodes a public key as SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}). */
    public static String encodePublicKey(PublicKey key) {
        return block("PUBLIC KEY", key.getEncoded());
    }

    /** Encodes certificates in order, e.g. a leaf followed by its intermediates. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                out.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new PkiException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** Encodes one certificate. */
    public static String encodeCertificate(X509Certificate certificate) {
        return encodeCertificates(List.of(certificate));
    }

    /** Encodes a CSR ({@code -----BEGIN CERTIFICATE REQUEST-----}). */
    public static String encodeCsr(byte[] der) {
        return block("CERTIFICATE REQUEST", der);
    }

    /**
     * Reads a private key and derives its public half.
     *
     * @throws PkiException when the text holds no supported private key
     */
    public static KeyPair readKeyPair(String pem) {
        Object parsed = readFirstObject(pem, "private key");
        try {
            if (parsed instanceof PEMKeyPair pair) {
                if (pair.getPublicKeyInfo() == null) {
                    return fromPrivateKeyInfo(pair.getPrivateKeyInfo());
                }
                return CONVERTER.getKeyPair(pair);
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return fromPrivateKeyInfo(info);
            }
        } catch (IOException | RuntimeException e) {
            throw new PkiException("unsupported or corrupt private key: " + e.getMessage(), e);
        }
        throw new PkiException("expected a private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY), found "
                + describe(parsed));
    }

    /**
     * Reads every certificate in the text, in order.
     *
     * @throws PkiException when there is none or one is corrupt
     */
    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                if (!"CERTIFICATE".equals(object.getType())) {
                    throw new PkiException("expected CERTIFICATE blocks, found " + object.getType());
                }
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(object.getContent())));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof PkiException pki) {
                throw pki;
            }
            throw new PkiException("corrupt certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new PkiException("no PEM certificate found");
        }
        return certificates;
    }

    /** Reads the first certificate of the text. */
    public static X509Certificate readCertificate(String pem) {
        return readCertificates(pem).get(0);
    }

    /** Reads a certificate from DER. */
    public static X509Certificate readCertificateDer(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new PkiException("corrupt certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PEM CSR and returns its DER bytes.
     *
     * @throws PkiException when the text holds no CSR
     */
    public static byte[] readCsr(String pem) {
        Object parsed = readFirstObject(pem, "certificate request");
        if (parsed instanceof PKCS10CertificationRequest csr) {
            try {
                return csr.getEncoded();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new PkiException("expected a CERTIFICATE REQUEST, found " + describe(parsed));
    }

    private static Object readFirstObject(String pem, String what) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new PkiException("no PEM " + what + " found");
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException pki) {
                throw pki;
            }
            throw new PkiException("corrupt PEM " + what + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair fromPrivateKeyInfo(PrivateKeyInfo info) throws IOException {
        PrivateKey privateKey = CONVERTER.getPrivateKey(info);
        PublicKey publicKey = CONVERTER.getPublicKey(derivePublic(info));
        return new KeyPair(publicKey, privateKey);
    }

    /** Derives the public key from a PKCS#8 private key (RSA CRT, EC or Ed25519). */
    private static SubjectPublicKeyInfo derivePublic(PrivateKeyInfo info) throws IOException {
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
        AsymmetricKeyParameter publicKey;
        if (key instanceof RSAPrivateCrtKeyParameters rsa) {
            publicKey = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        } else if (key instanceof ECPrivateKeyParameters ec) {
            publicKey = new ECPublicKeyParameters(
                    ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
        } else if (key instanceof Ed25519PrivateKeyParameters ed) {
            publicKey = ed.generatePublicKey();
        } else {
            throw new PkiException("unsupported private key type " + info.getPrivateKeyAlgorithm().getAlgorithm());
        }
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
    }

    private static String block(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Names what a PEM block holds in PEM's own words, never by the parser's Java class. */
    private static String describe(Object parsed) {
        if (parsed == null) {
            return "nothing";
        }
        if (parsed instanceof X509CertificateHolder) {
            return "a CERTIFICATE";
        }
        if (parsed instanceof PKCS10CertificationRequest) {
            return "a CERTIFICATE REQUEST";
        }
        if (parsed instanceof PEMKeyPair || parsed instanceof PrivateKeyInfo) {
            return "a PRIVATE KEY";
        }
        if (parsed instanceof SubjectPublicKeyInfo) {
            return "a PUBLIC KEY";
        }
        return "another kind of PEM block";
    }
}
