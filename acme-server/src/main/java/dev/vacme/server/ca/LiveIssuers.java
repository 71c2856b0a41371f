package dev.vacme.server.ca;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server's issuers: the hierarchy read from {@code <data-dir>/ca}, with the
 * {@link IssuerSchedule} applied at the moment of each question, so that a new intermediate takes
 * over when its overlap ends without anyone restarting anything. {@link #reload} re-reads the
 * directory to learn of an intermediate or a cross-signature made by {@code vacme-server ca}
 * while the server runs.
 */
public final class LiveIssuers implements Supplier<Issuers> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveIssuers.class);

    /** The root and first intermediate: files written once, when the CA was made, and never changed. */
    private final CaKeys first;
    private final CaDirectory directory;
    private final IssuerSchedule schedule;
    private final Clock clock;
    private volatile CaHierarchy hierarchy;
    private final AtomicReference<String> lastActive = new AtomicReference<>();

    private LiveIssuers(CaKeys first, CaDirectory directory, IssuerSchedule schedule, Clock clock,
            CaHierarchy hierarchy) {
        this.first = first;
        this.directory = directory;
        this.schedule = schedule;
        this.clock = clock;
        this.hierarchy = hierarchy;
        lastActive.set(IssuerIds.of(get().active().issuer()));
    }

    /**
     * Reads the hierarchy, the first intermediate signing from its PEM key file. Blocking.
     *
     * @param storage the root and first intermediate, loaded (or generated) already by the caller
     * @throws CaException when a file is unreadable, corrupt or does not fit the root
     */
    public static LiveIssuers load(CaStorage storage, CaKeys first, IssuerSchedule schedule, Clock clock) {
        return load(storage, first, new PemSigningKeySource(first, storage.directory().resolve(CaStorage.INTERMEDIATE_KEY)),
                schedule, clock);
    }

    /**
     * Reads the hierarchy with the first intermediate signing through {@code firstKey} and later
     * ones from PEM files. Blocking.
     *
     * @param storage  the root and first intermediate, loaded (or generated) already by the caller
     * @param firstKey how the first intermediate ({@code intermediate.pem}) signs
     * @throws CaException when a file is unreadable, corrupt or does not fit the root
     */
    public static LiveIssuers load(CaStorage storage, CaKeys first, SigningKeySource firstKey, IssuerSchedule schedule,
            Clock clock) {
        return load(storage, first, firstKey, new CaDirectory(storage.directory()), schedule, clock);
    }

    /**
     * Reads the hierarchy of a CA on a PKCS#11 token: the first intermediate signs through
     * {@code first}, and every later one (on start and on each re-read) through a key on the same
     * token, found by the label its directory names. Blocking.
     *
     * @param storage the certificates' directory
     * @param first   the root and first intermediate on the token, as {@link TokenCaStorage} loaded them
     * @throws CaException when a file is unreadable, corrupt or does not fit the root, or a key is
     *                     missing on the token
     */
    public static LiveIssuers onToken(CaStorage storage, Pkcs11SigningKeySource first, IssuerSchedule schedule,
            Clock clock) {
        return load(storage, first.hierarchy(), first,
                new CaDirectory(storage.directory(), new TokenHierarchyKeys(first)), schedule, clock);
    }

    private static LiveIssuers load(CaStorage storage, CaKeys first, SigningKeySource firstKey, CaDirectory directory,
            IssuerSchedule schedule, Clock clock) {
        return new LiveIssuers(first, directory, schedule, clock,
                directory.load(first, Map.of(IssuerIds.of(firstKey.issuer()), firstKey)));
    }

    /** The issuers now: the active one and every one still answering for its certificates. */
    @Override
    public Issuers get() {
        Issuers issuers = schedule.issuers(hierarchy, clock.instant());
        String active = IssuerIds.of(issuers.active().issuer());
        String previous = lastActive.getAndSet(active);
        if (previous != null && !previous.equals(active)) {
            LOG.info("intermediate {} ({}) now issues new certificates; {} answers for its certificates until "
                    + "they expire", active, issuers.active().issuer().getSubjectX500Principal().getName(), previous);
        }
        return issuers;
    }

    /** The hierarchy as last read. */
    public CaHierarchy hierarchy() {
        return hierarchy;
    }

    /** The schedule applied. */
    public IssuerSchedule schedule() {
        return schedule;
    }

    /**
     * Re-reads the CA directory, keeping the signing keys already loaded. Blocking. A directory
     * that cannot be read leaves the hierarchy as it was and logs why.
     *
     * @return true when intermediates or alternate chains were added
     */
    public boolean reload() {
        CaHierarchy current = hierarchy;
        Map<String, SigningKeySource> known = new HashMap<>();
        current.intermediates().forEach(intermediate -> known.put(intermediate.id(), intermediate.key()));
        CaHierarchy read;
        try {
            read = directory.load(first, known);
        } catch (CaException e) {
            LOG.warn("cannot re-read the CA in {}, keeping the intermediates loaded before: {}", directory.path(),
                    e.getMessage());
            return false;
        }
        if (read.equals(current)) {
            return false;
        }
        hierarchy = read;
        for (Intermediate intermediate : read.intermediates()) {
            if (current.intermediate(intermediate.id()).isEmpty()) {
                LOG.info("loaded intermediate {} ({}), made {}", intermediate.id(),
                        intermediate.certificate().getSubjectX500Principal().getName(), intermediate.created());
            } else if (!current.intermediate(intermediate.id()).get().crossSignatures()
                    .equals(intermediate.crossSignatures())) {
                LOG.info("loaded {} alternate chain(s) of intermediate {}", intermediate.crossSignatures().size(),
                        intermediate.id());
            }
        }
        get();
        return true;
    }
}
