package dev.vacme.server.ca;

import dev.vacme.common.model.Identifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the CA ready at start-up: creates the data directory, loads the CA from
 * {@code <data-dir>/ca} (generating it on the first start), checks that the intermediate outlives
 * every certificate a profile may issue, and issues the listener's certificate. Blocking: run it
 * on a worker.
 */
public final class CaSetup {

    private static final Logger LOG = LoggerFactory.getLogger(CaSetup.class);

    private final Path dataDir;
    private final CaKeySettings keySettings;
    private final Clock clock;
    private final SecureRandom random;
    /** Removes the CA when this start generated it, else null. */
    private Runnable generated;

    /** Creates the setup for the CA under {@code dataDir} with its keys in PEM files. */
    public CaSetup(Path dataDir, Clock clock, SecureRandom random) {
        this(dataDir, new CaKeySettings.Pem(), clock, random);
    }

    /** Creates the setup for the CA under {@code dataDir} with its keys where {@code keySettings} says. */
    public CaSetup(Path dataDir, CaKeySettings keySettings, Clock clock, SecureRandom random) {
        this.dataDir = dataDir;
        this.keySettings = keySettings;
        this.clock = clock;
        this.random = random;
    }

    /** The directory of the CA's files under a data directory. */
    public static Path directory(Path dataDir) {
        return dataDir.resolve("ca");
    }

    /** The root certificate file clients must trust. */
    public static Path rootCertificate(Path dataDir) {
        return directory(dataDir).resolve(CaStorage.ROOT_CERT).toAbsolutePath();
    }

    /**
     * The CA ready to sign.
     *
     * @param issuers  the intermediates, the active one issuing new certificates, as they are at
     *                 each moment; {@link LiveIssuers#reload} re-reads them
     * @param listener the listener's key and chain, when the listener speaks TLS
     */
    public record Prepared(LiveIssuers issuers, Optional<ListenerCertificates.Credentials> listener) {
    }

    /** The default {@code intermediate-overlap}: a day for relying parties and caches to learn a new intermediate. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    /**
     * Loads or generates the CA and checks it, with the default overlap.
     *
     * @see #prepare(Duration, Duration, Optional)
     */
    public Prepared prepare(Duration longestValidity, Optional<List<Identifier>> listenerNames) throws IOException {
        return prepare(longestValidity, DEFAULT_OVERLAP, listenerNames);
    }

    /**
     * Loads or generates the CA and checks that the active intermediate outlives every
     * certificate a profile may issue.
     *
     * @param longestValidity the longest lifetime of any profile
     * @param overlap         how long a new intermediate waits before it issues
     * @param listenerNames   the names of the TLS listener, or empty for a plain-HTTP listener
     * @throws CaException when the CA is unusable or expires too soon
     * @throws IOException when the data directory cannot be created
     */
    public Prepared prepare(Duration longestValidity, Duration overlap, Optional<List<Identifier>> listenerNames)
            throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Path caDir = directory(dataDir);
        IssuerSchedule schedule = new IssuerSchedule(overlap, longestValidity);
        LiveIssuers issuers = keySettings instanceof CaKeySettings.Pkcs11 pkcs11
                ? onToken(caDir, pkcs11, schedule) : fromPemFiles(caDir, schedule);
        SigningKeySource signingKey = issuers.get().active();
        checkOutlives(signingKey, longestValidity, caDir);
        return new Prepared(issuers,
                listenerNames.map(names -> ListenerCertificates.issue(signingKey, names, clock, random)));
    }

    private LiveIssuers fromPemFiles(Path caDir, IssuerSchedule schedule) {
        CaStorage storage = new CaStorage(caDir, clock, random);
        generated = storage.isEmpty() ? storage::remove : null;
        CaKeys keys = storage.loadOrCreate();
        return LiveIssuers.load(storage, keys, schedule, clock);
    }

    private LiveIssuers onToken(Path caDir, CaKeySettings.Pkcs11 settings, IssuerSchedule schedule) {
        Pkcs11Token token = Pkcs11Token.open(settings);
        TokenCaStorage storage = new TokenCaStorage(caDir, token, settings.rootLabel(), settings.intermediateLabel(),
                clock, random);
        boolean empty = storage.isEmpty();
        Pkcs11SigningKeySource source = storage.loadOrCreate();
        // Only once the CA is complete: a first start refused because the labels are taken must not delete those keys.
        generated = empty ? storage::remove : null;
        return LiveIssuers.onToken(new CaStorage(caDir, clock, random), source, schedule, clock);
    }

    /**
     * Removes a CA this start generated, so that a failed first start leaves no CA behind; does
     * nothing when the CA existed before. Blocking.
     */
    public void removeIfGenerated() {
        if (generated != null) {
            generated.run();
        }
    }

    private void checkOutlives(SigningKeySource signingKey, Duration validity, Path caDir) {
        Instant caExpiry = signingKey.issuer().getNotAfter().toInstant();
        Instant now = clock.instant();
        if (now.plus(validity).isAfter(caExpiry)) {
            throw new CaException("certificates valid for " + validity.toDays() + " days would outlast "
                    + "the intermediate CA certificate in " + caDir + " (the active one, "
                    + IssuerIds.of(signingKey.issuer()) + "), which expires on "
                    + caExpiry + "; shorten --cert-validity (or the longest profile), or make a new intermediate "
                    + "with 'vacme-server ca rotate-intermediate' (with --intermediate-overlap 0 to use it at once)");
        }
        if (now.plus(validity.multipliedBy(2)).isAfter(caExpiry)) {
            LOG.warn("the active intermediate CA certificate in {} ({}) expires on {}; make a new one with "
                    + "'vacme-server ca rotate-intermediate' before then", caDir, signingKey.describe(), caExpiry);
        }
    }
}
