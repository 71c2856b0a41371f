package dev.vacme.client.testing;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** An ACME server the integration tests run the client against: Pebble or Vacme's own. */
public interface AcmeTestServer extends AutoCloseable {

    /** Returns the directory URL. */
    URI directoryUrl();

    /** Returns the PEM file that makes the server's HTTPS certificate trusted ({@code --ca-bundle}). */
    Path caBundle();

    /** Returns the port the server validates http-01 on; the client's responder listens there. */
    int httpPort();

    /** Returns the root certificate issued certificates chain to. */
    X509Certificate root();

    /** Returns true when the server reports the certificate revoked. */
    boolean isRevoked(X509Certificate certificate);

    /** Returns the RFC 5280 reason the server recorded, when it tells. */
    Optional<Integer> revocationReason(X509Certificate certificate);

    /** Returns the server's output, for failure messages. */
    String logs();

    @Override
    void close();
}
