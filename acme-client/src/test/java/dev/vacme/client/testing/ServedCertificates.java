package dev.vacme.client.testing;

import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What a TLS endpoint serves to a new connection, as the installer tests check it. */
public final class ServedCertificates {

    private static final ServedCertificateVerifier HANDSHAKES = new ServedCertificateVerifier(Duration.ofSeconds(5),
            Duration.ZERO, Clock.systemUTC(), Sleeper.REAL);
    private static final long AFTER_RELOAD_SECONDS = 5;

    private ServedCertificates() {
    }

    /** Returns the SHA-256 fingerprint of the leaf a new connection is served, or "nothing" when none is. */
    public static String of(Endpoint endpoint) {
        String served = HANDSHAKES.check(endpoint, "", "").served();
        return served == null ? "nothing" : served;
    }

    /**
     * Returns what a new connection is served once the workers a web server ran before its last
     * reload have stopped taking connections: for a moment after {@code nginx -s reload} or
     * haproxy's SIGUSR2, an old worker may still accept one and serve the old certificate. Asks
     * again for up to 5 s until it sees {@code expected}, and returns the last answer.
     */
    public static String afterReload(Endpoint endpoint, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AFTER_RELOAD_SECONDS);
        String served = of(endpoint);
        while (!served.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            served = of(endpoint);
        }
        return served;
    }
}
