package dev.vacme.client.acme;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The sessions of one run, one per ACME server: each server's directory is fetched at most once
 * per run, and nothing at all is sent to a server the run does not need. Each server gets a
 * transport built with its own settings (its own trust anchors), so a CA bundle remembered for
 * one server is never trusted for another; servers with equal settings share a transport.
 */
public final class AcmeSessions {

    private final TransportFactory factory;
    private final Function<URI, TransportSettings> settings;
    private final Clock clock;
    private final Map<URI, AcmeSession> sessions = new HashMap<>();
    private final Map<TransportSettings, Transport> transports = new HashMap<>();

    /**
     * Creates the registry; no transport is built, and {@code settings} is not asked, until a
     * server's session is first used.
     *
     * @param factory  builds transports
     * @param settings the transport settings for a directory URL
     * @param clock    the clock
     */
    public AcmeSessions(TransportFactory factory, Function<URI, TransportSettings> settings, Clock clock) {
        this.factory = factory;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns the session for a directory URL. */
    public synchronized AcmeSession session(URI directoryUrl) {
        AcmeSession session = sessions.get(directoryUrl);
        if (session == null) {
            Transport transport = transports.computeIfAbsent(settings.apply(directoryUrl), factory::create);
            session = new AcmeSession(directoryUrl, transport, clock);
            sessions.put(directoryUrl, session);
        }
        return session;
    }
}
