package dev.vacme.client.cli;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.model.Directory;
import dev.vacme.common.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;

/**
 * Overlaps the one-off start-up cost of a verb that talks to an ACME server with the parsing of its
 * command line: on a second thread, it loads and runs once the JSON mapper, the PEM reading of a
 * private key (as of the account key), the TLS context and the elliptic-curve code that the first
 * request and its TLS handshake use (X25519 key agreement, P-256 signatures). The JVM's first run
 * of that code is slow (classes to initialise, code not yet compiled); done here, the main thread
 * finds it ready. It has no effect on what the run does:
 * nothing is read from or written to disk, nothing is sent, its results are thrown away, and a
 * failure here is ignored, because the main thread then does the same work and reports its own.
 */
final class StartupWarmup {

    private static final byte[] DIRECTORY = ("{\"newNonce\":\"https://warm.invalid/nonce\","
            + "\"newAccount\":\"https://warm.invalid/account\",\"newOrder\":\"https://warm.invalid/order\","
            + "\"meta\":{\"termsOfService\":\"https://warm.invalid/tos\"}}").getBytes(StandardCharsets.UTF_8);

    private StartupWarmup() {
    }

    /** Starts the warm-up on a daemon thread (it never keeps the JVM alive) and returns at once. */
    static void start() {
        Thread thread = new Thread(StartupWarmup::run, "vacme-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** In the order the run needs it: JSON, its account key, then the TLS handshake and the first signature. */
    private static void run() {
        try {
            AcmeJson.read(DIRECTORY, Directory.class);
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = ec.generateKeyPair();
            // As the run reads its account key: PEM parsing, and BouncyCastle's table for the curve's generator.
            Pem.readKeyPair(Pem.encodePrivateKey(pair.getPrivate()));
            SSLContext.getInstance("TLS").init(null, null, null);
            KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(x25519.generateKeyPair().getPrivate());
            agreement.doPhase(x25519.generateKeyPair().getPublic(), true);
            agreement.generateSecret();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(DIRECTORY);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(DIRECTORY);
            verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Only a head start: the run itself does this work again and reports what fails.
        }
    }
}
