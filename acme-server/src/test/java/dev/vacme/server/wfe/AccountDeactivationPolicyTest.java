package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.Account;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.StoredCertificate;
import dev.vacme.server.store.Stores;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account deactivating itself (RFC 8555 §7.3.6) with and without
 * {@code revoke-on-account-deactivation}: with it, the account's certificates are revoked with
 * reason cessationOfOperation (5) by the time the deactivation is answered; without it (the
 * default) they stay valid. The certificates are read back from the server's own SQLite store.
 */
class AccountDeactivationPolicyTest {

    @TempDir
    Path dataDir;

    private Http01Responder responder;
    private TestServer server;

    @BeforeEach
    void startResponder() {
        responder = new Http01Responder();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        responder.close();
    }

    @Test
    void withThePolicyDeactivationRevokesTheAccountsCertificatesWithCessationOfOperation() {
        server = TestServer.start(dataDir, responder.port(), Map.of("revoke-on-account-deactivation", true));
        AcmeFlow account = new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register();
        X509Certificate first = leaf(account.issue("first.test"));
        X509Certificate second = leaf(account.issue("second.test"));
        X509Certificate earlier = leaf(account.issue("earlier.test"));
        assertThat(account.post(server.client().directory().revokeCert().toString(),
                new RevocationRequest(Base64Url.encode(encoded(earlier)), 1)).status()).isEqualTo(200);
        X509Certificate others = leaf(new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register()
                .issue("others.test"));

        Response deactivated = deactivate(account);

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.as(Account.class).status()).isEqualTo(AccountStatus.DEACTIVATED);
        List<StoredCertificate> stored = stored(first, second, earlier, others);
        assertThat(stored).extracting(StoredCertificate::revocationReason).containsExactly(5, 5, 1, null);
    }

    @Test
    void byDefaultDeactivationLeavesTheCertificatesValid() {
        server = TestServer.start(dataDir, responder.port());
        AcmeFlow account = new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register();
        X509Certificate issued = leaf(account.issue("kept.test"));

        Response deactivated = deactivate(account);

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.as(Account.class).status()).isEqualTo(AccountStatus.DEACTIVATED);
        assertThat(stored(issued)).allSatisfy(certificate -> assertThat(certificate.isRevoked()).isFalse());
    }

    private static Response deactivate(AcmeFlow account) {
        return account.post(account.kid(), new AccountUpdateRequest(null, AccountStatus.DEACTIVATED, null));
    }

    private static X509Certificate leaf(String chainPem) {
        return Pem.readCertificates(chainPem).get(0);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificates as the server stored them, read through a second connection to its SQLite file. */
    private List<StoredCertificate> stored(X509Certificate... certificates) {
        Vertx vertx = Vertx.vertx();
        try {
            Store store = await(Stores.open(vertx, StoreLocation.inDataDirectory(dataDir)));
            try {
                return List.of(certificates).stream().map(c -> await(store.findCertificate(
                        SerialNumbers.toHex(c.getSerialNumber()))).orElseThrow()).toList();
            } finally {
                await(store.close());
            }
        } finally {
            await(vertx.close());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
