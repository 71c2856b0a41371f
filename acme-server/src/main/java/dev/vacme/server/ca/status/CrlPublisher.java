package dev.vacme.server.ca.status;

import dev.vacme.server.ca.CrlBuilder;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.Issuers;
import dev.vacme.server.ca.RevocationEntry;
import dev.vacme.server.ca.SigningKeySource;
import dev.vacme.server.logging.LogLimiter;
import dev.vacme.server.metrics.ServerMetrics;
import dev.vacme.server.store.RevocationMark;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredCertificate;
import dev.vacme.server.store.StoredCrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one full CRL per issuer (RFC 5280 §5) current in the store, and this instance's copy of it.
 *
 * <p>Every {@link #CHECK_INTERVAL} (and at once on {@link #trigger()}, after a revocation in this
 * process) it reads the store's {@link RevocationMark}: one cheap query that changes with any
 * revocation, also one made by another instance or by {@code vacme-server admin revoke}. A CRL is
 * due when it does not list the current mark's revocations or half its validity has passed. The
 * instance holding the {@value #LEASE} lease builds the due CRLs (number = stored number + 1) and
 * stores them; every instance then serves the stored CRL, so all serve the same bytes.
 *
 * <p>A revoked certificate stays listed until its notAfter plus one CRL validity, so it appears on
 * at least one CRL issued after it expired (RFC 5280 §3.3), and is dropped after that.
 */
public final class CrlPublisher {

    /** How often the store is asked whether anything was revoked. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    /** The name of the lease the generating instance holds. */
    static final String LEASE = "crl";
    /** Longer than generating every CRL takes; a crashed holder's lease frees itself after it. */
    private static final Duration LEASE_TIME = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(CrlPublisher.class);

    private final Vertx vertx;
    private final Store store;
    private final Supplier<Issuers> issuers;
    private final IssuerAttribution attribution;
    private final WorkerExecutor signers;
    private final Duration validity;
    private final Clock clock;
    private final String instanceId;
    private final ServerMetrics metrics;
    private final Map<String, StoredCrl> current = new ConcurrentHashMap<>();
    private final List<Consumer<RevocationMark>> markListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** While the database is down every check fails: one line per 10 minutes is enough. */
    private final LogLimiter failures = new LogLimiter(Duration.ofMinutes(10));
    private volatile RevocationMark lastMark;
    private long timer = -1;

    /**
     * @param signers    the worker threads that sign
     * @param validity   from thisUpdate to nextUpdate
     * @param instanceId this instance's name as lease holder, unique among the instances
     */
    public CrlPublisher(Vertx vertx, Store store, Supplier<Issuers> issuers, IssuerAttribution attribution,
            WorkerExecutor signers, Duration validity, Clock clock, String instanceId, ServerMetrics metrics) {
        this.vertx = vertx;
        this.store = store;
        this.issuers = issuers;
        this.attribution = attribution;
        this.signers = signers;
        this.validity = validity;
        this.clock = clock;
        this.instanceId = instanceId;
        this.metrics = metrics;
    }

    /** Calls {@code listener} (on an event loop) whenever the store's revocations changed. */
    public void onRevocationsChanged(Consumer<RevocationMark> listener) {
        markListeners.add(listener);
    }

    /** Checks now and then every {@link #CHECK_INTERVAL}; the future completes after the first check. */
    public Future<Void> start() {
        timer = vertx.setPeriodic(CHECK_INTERVAL.toMillis(), id -> trigger());
        return check();
    }

    /** Stops the periodic check. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Checks at once, e.g. right after a revocation; a check already running is followed by one more. */
    public void trigger() {
        check();
    }

    /** This instance's copy of an issuer's current CRL, if there is one yet. */
    public Optional<StoredCrl> current(String issuerId) {
        return Optional.ofNullable(current.get(issuerId));
    }

    /** Runs one check unless one is running, in which case that one runs once more after it. */
    Future<Void> check() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Future.succeededFuture();
        }
        return checkOnce().recover(error -> {
            failures.permit().ifPresent(held -> LOG.warn("cannot update the CRLs: {} ({} more such failure(s) since "
                    + "the last line)", error.getMessage(), held));
            return Future.succeededFuture();
        }).onComplete(done -> {
            running.set(false);
            if (again.getAndSet(false)) {
                check();
            }
        });
    }

    private Future<Void> checkOnce() {
        return store.revocationMark().compose(mark -> {
            if (!mark.equals(lastMark)) {
                lastMark = mark;
                markListeners.forEach(listener -> listener.accept(mark));
            }
            List<SigningKeySource> due = due(mark);
            if (due.isEmpty()) {
                return Future.succeededFuture();
            }
            return reload(due).compose(v -> {
                List<SigningKeySource> stillDue = due(mark);
                return stillDue.isEmpty() ? Future.succeededFuture() : generateUnderLease(stillDue, mark);
            });
        });
    }

    private List<SigningKeySource> due(RevocationMark mark) {
        return issuers.get().all().stream().filter(issuer -> isDue(issuer, mark)).toList();
    }

    /**
     * Whether the issuer's CRL is due: missing, listing other revocations than {@code mark}, or
     * half-way through its validity.
     */
    private boolean isDue(SigningKeySource issuer, RevocationMark mark) {
        StoredCrl crl = current.get(IssuerIds.of(issuer.issuer()));
        return crl == null || !crl.revocationMark().equals(mark.token())
                || !clock.instant().isBefore(crl.thisUpdate().plus(validity.dividedBy(2)));
    }

    /** Takes what another instance may have stored already. */
    private Future<Void> reload(List<SigningKeySource> due) {
        Future<Void> chain = Future.succeededFuture();
        for (SigningKeySource issuer : due) {
            String id = IssuerIds.of(issuer.issuer());
            chain = chain.compose(v -> store.findCrl(id)).map(found -> {
                found.ifPresent(crl -> current.merge(id, crl, (old, stored) -> stored.number() > old.number() ? stored : old));
                return null;
            });
        }
        return chain;
    }

    private Future<Void> generateUnderLease(List<SigningKeySource> due, RevocationMark mark) {
        Instant now = clock.instant();
        return store.acquireLease(LEASE, instanceId, now, now.plus(LEASE_TIME)).compose(won -> {
            if (!won) {
                return Future.succeededFuture();
            }
            // Another instance may have held the lease, stored the CRLs and let go since this one
            // looked: look again under the lease, so each CRL is generated once.
            Future<Void> chain = reload(due);
            for (SigningKeySource issuer : due) {
                chain = chain.compose(v -> isDue(issuer, mark) ? generate(issuer, mark) : Future.succeededFuture());
            }
            return chain.eventually(() -> store.releaseLease(LEASE, instanceId));
        });
    }

    private Future<Void> generate(SigningKeySource issuer, RevocationMark mark) {
        String id = IssuerIds.of(issuer.issuer());
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(validity);
        return store.findCrl(id).compose(stored -> store.listRevokedCertificates(id, thisUpdate.minus(validity))
                .compose(revoked -> signers.executeBlocking(() -> {
                    long number = stored.map(StoredCrl::number).orElse(0L) + 1;
                    byte[] der = CrlBuilder.build(issuer, number, thisUpdate, nextUpdate, entries(id, revoked));
                    return new StoredCrl(id, number, thisUpdate, nextUpdate, mark.token(), der);
                }, false)))
                .compose(crl -> store.storeCrl(crl).map(stored -> {
                    if (stored) {
                        current.put(id, crl);
                        metrics.crlGenerated();
                        LOG.info("published CRL number {} of issuer {}", crl.number(), id);
                    }
                    return null;
                }));
    }

    private List<RevocationEntry> entries(String issuerId, List<StoredCertificate> revoked) {
        return revoked.stream()
                .filter(certificate -> attribution.issuerId(certificate).filter(issuerId::equals).isPresent())
                .map(certificate -> new RevocationEntry(new BigInteger(certificate.serial(), 16),
                        certificate.revokedAt(), certificate.revocationReason() == null ? 0 : certificate.revocationReason()))
                .toList();
    }
}
