package dev.vacme.server.admin;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.store.CertificateQuery;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredCertificate;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's integrity as DESIGN.md promises it: every valid order has its certificate, no order
 * has two, no serial number is used twice, and nothing stays in {@code processing} longer than
 * the recovery window (after which a running server fails it). Only reads.
 */
public final class StoreCheck {

    private final Store store;
    private final Clock clock;
    private final Duration recoveryWindow;

    /**
     * Creates the check.
     *
     * @param recoveryWindow how long work may stay in {@code processing} before it counts as stuck
     */
    public StoreCheck(Store store, Clock clock, Duration recoveryWindow) {
        this.store = store;
        this.clock = clock;
        this.recoveryWindow = recoveryWindow;
    }

    /**
     * The outcome.
     *
     * @param certificates how many certificates were checked
     * @param violations   one line per violation; empty when the store is sound
     */
    public record Result(int certificates, List<String> violations) {
    }

    /** Runs every check. */
    public Future<Result> run() {
        List<String> violations = new ArrayList<>();
        Instant stuckBefore = clock.instant().minus(recoveryWindow);
        String window = recoveryWindow.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        return store.findValidOrdersWithoutCertificate()
                .onSuccess(ids -> ids.forEach(id -> violations.add("order " + id + " is valid but its certificate is missing")))
                .compose(ignored -> store.findOrdersWithSeveralCertificates())
                .onSuccess(ids -> ids.forEach(id -> violations.add("order " + id + " has more than one certificate")))
                .compose(ignored -> store.findStaleProcessingOrderIds(stuckBefore))
                .onSuccess(ids -> ids.forEach(id -> violations.add(
                        "order " + id + " has been processing for longer than " + window)))
                .compose(ignored -> store.findStaleProcessingChallengeIds(stuckBefore))
                .onSuccess(ids -> ids.forEach(id -> violations.add(
                        "challenge " + id + " has been processing for longer than " + window)))
                .compose(ignored -> store.listCertificates(CertificateQuery.all()))
                .map(certificates -> {
                    violations.addAll(serialViolations(certificates));
                    return new Result(certificates.size(), List.copyOf(violations));
                });
    }

    /**
     * The store keys certificates by serial, so a repeat can only hide in the certificates
     * themselves: each leaf must carry the serial it is stored under, and no two leaves one serial.
     */
    static List<String> serialViolations(List<StoredCertificate> certificates) {
        List<String> violations = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (StoredCertificate stored : certificates) {
            String actual;
            try {
                actual = SerialNumbers.toHex(Pem.readCertificate(stored.chainPem()).getSerialNumber());
            } catch (RuntimeException e) {
                // a damaged PEM: no certificate in it, or bytes that are not one
                violations.add("certificate " + stored.serial() + " cannot be read from the store");
                continue;
            }
            if (!actual.equals(stored.serial())) {
                violations.add("certificate " + stored.serial() + " carries serial " + actual);
            }
            String earlier = seen.putIfAbsent(actual, stored.serial());
            if (earlier != null) {
                String first = earlier.compareTo(stored.serial()) < 0 ? earlier : stored.serial();
                String second = first.equals(earlier) ? stored.serial() : earlier;
                violations.add("serial " + actual + " is used by certificates " + first + " and " + second);
            }
        }
        return violations;
    }
}
