package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.store.IssuedCertificates;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredCertificate;
import dev.vacme.server.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account deactivation policy ({@code revoke-on-account-deactivation}): a deactivated
 * account's unexpired certificates are revoked with reason cessationOfOperation (RFC 5280
 * §5.3.1) through the same path as any revocation; nothing else is touched, and a store that
 * fails never fails the deactivation. Real SQLite store, fixed clock.
 */
class AccountDeactivationRevocationTest {

    private static final Instant NOW = IssuedCertificates.t0().plus(Duration.ofDays(10));

    @TempDir
    Path dir;

    private Vertx vertx;
    private Store store;
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final AtomicInteger crlTriggers = new AtomicInteger();
    private RevocationService revocations;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = await(Stores.open(vertx, StoreLocation.sqlite(dir.resolve("vacme.db"))));
        revocations = new RevocationService(store, Clock.fixed(NOW, ZoneOffset.UTC), audited::add,
                crlTriggers::incrementAndGet);
        Instant t0 = IssuedCertificates.t0();
        IssuedCertificates.store(store, "leaving", "a1", "pem-a1", t0, NOW.plus(Duration.ofDays(80)), "issuer");
        IssuedCertificates.store(store, "leaving", "a2", "pem-a2", t0, NOW.plus(Duration.ofDays(30)), "issuer");
        IssuedCertificates.store(store, "leaving", "a3", "pem-a3", t0, NOW.minus(Duration.ofDays(1)), "issuer");
        IssuedCertificates.store(store, "leaving", "a4", "pem-a4", t0, NOW.plus(Duration.ofDays(80)), "issuer");
        await(store.revokeCertificate("a4", 1, t0.plus(Duration.ofDays(1))));
        IssuedCertificates.store(store, "staying", "b1", "pem-b1", t0, NOW.plus(Duration.ofDays(80)), "issuer");
    }

    @AfterEach
    void close() {
        if (store != null) {
            await(store.close());
        }
        await(vertx.close());
    }

    @Test
    void revokesTheAccountsUnexpiredCertificatesWithCessationOfOperation() {
        await(DeactivationPolicy.revokeCertificates(revocations).afterDeactivation(account("leaving")));

        for (String serial : List.of("a1", "a2")) {
            StoredCertificate revoked = certificate(serial);
            assertThat(revoked.revocationReason()).as(serial).isEqualTo(RevocationService.CESSATION_OF_OPERATION);
            assertThat(revoked.revokedAt()).as(serial).isEqualTo(NOW);
        }
        assertThat(audited).containsExactlyInAnyOrder(
                new AuditEvent.CertificateRevoked("a1", 5, "leaving", null, null),
                new AuditEvent.CertificateRevoked("a2", 5, "leaving", null, null));
        assertThat(crlTriggers).as("the CRL publisher is asked once per revocation").hasValue(2);
    }

    @Test
    void leavesExpiredAlreadyRevokedAndOtherAccountsCertificatesAlone() {
        await(DeactivationPolicy.revokeCertificates(revocations).afterDeactivation(account("leaving")));

        assertThat(certificate("a3").isRevoked()).as("expired").isFalse();
        assertThat(certificate("a4").revocationReason()).as("keeps its earlier reason").isEqualTo(1);
        assertThat(certificate("a4").revokedAt()).isEqualTo(IssuedCertificates.t0().plus(Duration.ofDays(1)));
        assertThat(certificate("b1").isRevoked()).as("another account's").isFalse();
    }

    @Test
    void theDefaultPolicyRevokesNothing() {
        await(DeactivationPolicy.KEEP_CERTIFICATES.afterDeactivation(account("leaving")));

        assertThat(List.of("a1", "a2", "a3", "b1")).allSatisfy(serial ->
                assertThat(certificate(serial).isRevoked()).as(serial).isFalse());
        assertThat(audited).isEmpty();
        assertThat(crlTriggers).hasValue(0);
    }

    @Test
    void aStoreThatFailsLeavesTheDeactivationStanding() {
        StoredAccount leaving = account("leaving");
        await(store.close());
        store = null;

        Future<Void> outcome = DeactivationPolicy.revokeCertificates(revocations).afterDeactivation(leaving);

        assertThat(await(outcome)).isNull();
        assertThat(audited).isEmpty();
    }

    private StoredCertificate certificate(String serial) {
        return await(store.findCertificate(serial)).orElseThrow();
    }

    private StoredAccount account(String id) {
        return await(store.findAccount(id)).orElseThrow();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
