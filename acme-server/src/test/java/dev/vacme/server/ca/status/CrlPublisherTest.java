package dev.vacme.server.ca.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.testing.SettableClock;
import dev.vacme.server.ca.CaKeys;
import dev.vacme.server.ca.CaStorage;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.Issuers;
import dev.vacme.server.ca.ListenerCertificates;
import dev.vacme.server.ca.PemSigningKeySource;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.ca.SigningKeySource;
import dev.vacme.server.metrics.ServerMetrics;
import dev.vacme.server.store.IssuedCertificates;
import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredCrl;
import dev.vacme.server.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances sharing one PostgreSQL database, each with its own {@link CrlPublisher}:
 * one generates each CRL under the lease, both serve the stored bytes, and a revocation written by
 * either (or by another process) or half the validity passing makes exactly one new CRL.
 */
class CrlPublisherTest {

    private static final Duration VALIDITY = Duration.ofHours(24);
    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path caDir;

    private final SettableClock clock = new SettableClock(START);
    private final AtomicInteger generated = new AtomicInteger();
    private final ServerMetrics metrics = new ServerMetrics() {
        @Override
        public void crlGenerated() {
            generated.incrementAndGet();
        }
    };
    private Vertx vertx;
    private String schema;
    private Store storeOne;
    private Store storeTwo;
    private SigningKeySource issuer;
    private CrlPublisher one;
    private CrlPublisher two;

    @BeforeEach
    void startTwoInstances() {
        vertx = Vertx.vertx();
        schema = PgTestDatabase.uniqueSchema();
        storeOne = await(Stores.open(vertx, PgTestDatabase.location(schema)));
        storeTwo = await(Stores.open(vertx, PgTestDatabase.location(schema)));
        CaKeys keys = new CaStorage(caDir, Clock.systemUTC(), new SecureRandom()).loadOrCreate();
        issuer = new PemSigningKeySource(keys, caDir.resolve("intermediate-key.pem"));
        one = publisher(storeOne, "one");
        two = publisher(storeTwo, "two");
    }

    private CrlPublisher publisher(Store store, String instance) {
        Issuers issuers = Issuers.of(issuer);
        WorkerExecutor signers = vertx.createSharedWorkerExecutor("crl-test-" + instance, 1);
        return new CrlPublisher(vertx, store, () -> issuers, new IssuerAttribution(() -> issuers), signers, VALIDITY, clock,
                instance, metrics);
    }

    @AfterEach
    void stop() {
        await(storeOne.close());
        await(storeTwo.close());
        PgTestDatabase.drop(vertx, schema);
        await(vertx.close());
    }

    @Test
    void instancesStartingTogetherGenerateOneCrlAndServeTheSameBytes() {
        checkBoth();

        assertThat(generated).hasValue(1);
        StoredCrl first = one.current(issuerId()).orElseThrow();
        assertThat(first.number()).isEqualTo(1);
        assertThat(two.current(issuerId()).orElseThrow().der()).isEqualTo(first.der());
        assertThat(first.thisUpdate()).isEqualTo(START);
        assertThat(first.nextUpdate()).isEqualTo(START.plus(VALIDITY));
        assertThat(crl(first).getRevokedCertificates()).isNull();

        checkBoth();
        assertThat(generated).as("nothing changed").hasValue(1);
    }

    @Test
    void aRevocationInTheStoreMakesOneNewCrlListingItOnBothInstances() {
        checkBoth();
        X509Certificate leaf = storeLeaf(IssuerIds.of(issuer.issuer()));
        X509Certificate legacy = storeLeaf(null);
        await(storeTwo.revokeCertificate(SerialNumbers.toHex(leaf.getSerialNumber()), 1, START.plusSeconds(5)));
        await(storeTwo.revokeCertificate(SerialNumbers.toHex(legacy.getSerialNumber()), 4, START.plusSeconds(6)));

        checkBoth();

        assertThat(generated).hasValue(2);
        StoredCrl current = one.current(issuerId()).orElseThrow();
        assertThat(current.number()).isEqualTo(2);
        assertThat(two.current(issuerId()).orElseThrow().der()).isEqualTo(current.der());
        X509CRL crl = crl(current);
        assertThat(crl.getRevokedCertificate(leaf.getSerialNumber())).isNotNull();
        assertThat(crl.getRevokedCertificate(legacy.getSerialNumber()))
                .as("a certificate stored before schema version 5 is attributed by its signature").isNotNull();
    }

    @Test
    void halfTheValidityPassingMakesOneNewCrlAndExpiredCertificatesLeaveAfterOneMoreValidity() {
        checkBoth();
        X509Certificate leaf = storeLeaf(IssuerIds.of(issuer.issuer()));
        await(storeOne.revokeCertificate(SerialNumbers.toHex(leaf.getSerialNumber()), 0, START));
        checkBoth();

        clock.advance(VALIDITY.dividedBy(2));
        checkBoth();

        assertThat(generated).hasValue(3);
        assertThat(one.current(issuerId()).orElseThrow().number()).isEqualTo(3);
        assertThat(crl(one.current(issuerId()).orElseThrow()).getRevokedCertificate(leaf.getSerialNumber())).isNotNull();

        clock.set(leaf.getNotAfter().toInstant().plus(VALIDITY).plusSeconds(1));
        checkBoth();

        X509CRL afterExpiry = crl(two.current(issuerId()).orElseThrow());
        assertThat(afterExpiry.getRevokedCertificates()).isNull();
    }

    /** Both instances check at the same time, as their timers would fire. */
    private void checkBoth() {
        await(Future.all(one.check(), two.check()));
        // The loser of the lease takes the winner's CRL on its next check.
        await(Future.all(one.check(), two.check()));
    }

    private String issuerId() {
        return IssuerIds.of(issuer.issuer());
    }

    /** Stores a real leaf signed by the issuer, valid 90 days from the start. */
    private X509Certificate storeLeaf(String issuerId) {
        String chain = ListenerCertificates.issue(issuer, List.of(Identifier.dns("leaf.test")),
                Clock.fixed(START, ZoneOffset.UTC), new SecureRandom()).chainPem();
        X509Certificate leaf = Pem.readCertificate(chain);
        IssuedCertificates.store(storeOne, SerialNumbers.toHex(leaf.getSerialNumber()), chain,
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), issuerId);
        return leaf;
    }

    private static X509CRL crl(StoredCrl stored) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(stored.der()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
