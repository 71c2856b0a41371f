package dev.vacme.client.acme;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sessions of one run, one per ACME server, sharing one transport: each server's directory
 * is fetched at most once per run, and nothing at all is sent to a server the run does not need.
 */
public final class AcmeSessions {

    private final TransportFactory factory;
    private final Supplier<TransportSettings> settings;
    private final Clock clock;
    private final Map<URI, AcmeSession> sessions = new HashMap<>();
    private Transport transport;

    /**
     * Creates the registry; no transport is built, and {@code settings} is not asked, until a
     * session is first used.
     */
    public AcmeSessions(TransportFactory factory, Supplier<TransportSettings> settings, Clock clock) {
        this.factory = factory;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns the session for a directory URL. */
    public synchronized AcmeSession session(URI directoryUrl) {
        return sessions.computeIfAbsent(directoryUrl, url -> new AcmeSession(url, transport(), clock));
    }

    private Transport transport() {
        if (transport == null) {
            transport = factory.create(settings.get());
        }
        return transport;
    }
}
