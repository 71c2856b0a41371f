package dev.vacme.client.acme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to build the HTTP transport to an ACME server.
 *
 * @param caBundles      PEM files of extra trust anchors, added to the system's
 * @param connectTimeout the TCP/TLS connect timeout
 * @param requestTimeout the timeout of each request, from sending to the last byte of the answer
 * @param userAgent      the {@code User-Agent} (RFC 8555 §6.1 requires one)
 */
public record TransportSettings(List<Path> caBundles, Duration connectTimeout, Duration requestTimeout,
        String userAgent) {

    public TransportSettings {
        caBundles = List.copyOf(caBundles);
    }
}
