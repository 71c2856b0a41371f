package dev.vacme.server.ca;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * The CA hierarchy: a root and the intermediate that signs end-entity certificates.
 *
 * @param root             the self-signed root certificate
 * @param intermediate     the intermediate certificate, signed by the root
 * @param intermediateKeys the intermediate's key pair
 */
public record CaKeys(X509Certificate root, X509Certificate intermediate, KeyPair intermediateKeys) {
}
