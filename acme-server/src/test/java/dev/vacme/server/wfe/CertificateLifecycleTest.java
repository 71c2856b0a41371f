package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeServerTest;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Revocation (RFC 8555 §7.6), renewal information and {@code replaces} (RFC 9773). */
class CertificateLifecycleTest extends AcmeServerTest {

    private static String revokeUrl() {
        return client.directory().revokeCert().toString();
    }

    private static String encoded(X509Certificate certificate) throws Exception {
        return Base64Url.encode(certificate.getEncoded());
    }

    @Test
    void theOwnerRevokesOnceThenGetsAlreadyRevoked() throws Exception {
        AcmeFlow account = newAccount();
        X509Certificate leaf = Pem.readCertificate(account.issue("revoke.test"));

        Response revoked = account.post(revokeUrl(), new RevocationRequest(encoded(leaf), 4));
        Response again = account.post(revokeUrl(), new RevocationRequest(encoded(leaf), 4));

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.problem().type()).isEqualTo("urn:ietf:params:acme:error:alreadyRevoked");
    }

    @Test
    void reasonsOutsideTheAllowedSetAreBadRevocationReason() throws Exception {
        AcmeFlow account = newAccount();
        X509Certificate leaf = Pem.readCertificate(account.issue("reason.test"));

        for (int reason : List.of(2, 6, 7, 9, 10, -1)) {
            Response response = account.post(revokeUrl(), new RevocationRequest(encoded(leaf), reason));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problem().type()).isEqualTo("urn:ietf:params:acme:error:badRevocationReason");
        }
    }

    @Test
    void anotherAccountCannotRevokeButTheCertificateKeyCan() throws Exception {
        AcmeFlow owner = newAccount();
        String orderUrl = owner.order("keyrevoke.test");
        owner.authorize(orderUrl);
        var certKey = KeyType.EC_P256.generate();
        byte[] csr = new dev.vacme.common.pki.CsrBuilder().dns("keyrevoke.test").build(certKey);
        Order order = owner.post(owner.fetchOrder(orderUrl).finalizeUrl().toString(),
                new dev.vacme.common.model.FinalizeRequest(Base64Url.encode(csr))).as(Order.class);
        X509Certificate leaf = Pem.readCertificate(owner.post(order.certificate().toString(), null).body());

        Response stranger = newAccount().post(revokeUrl(), new RevocationRequest(encoded(leaf), 0));
        Response wrongKey = client.postJws(revokeUrl(), JwsSigner.signWithJwk(KeyType.EC_P256.generate(),
                client.nonce(), revokeUrl(), AcmeTestClient.bytes(new RevocationRequest(encoded(leaf), 1))));
        Response byCertKey = client.postJws(revokeUrl(), JwsSigner.signWithJwk(certKey, client.nonce(), revokeUrl(),
                AcmeTestClient.bytes(new RevocationRequest(encoded(leaf), 1))));

        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.problem().type()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(byCertKey.status()).as(byCertKey.body()).isEqualTo(200);
    }

    @Test
    void anAccountAuthorizedForEveryNameMayRevoke() throws Exception {
        X509Certificate leaf = Pem.readCertificate(newAccount().issue("shared-revoke.test"));
        AcmeFlow other = newAccount();
        other.authorize(other.order("shared-revoke.test"));

        Response revoked = other.post(revokeUrl(), new RevocationRequest(encoded(leaf), 0));

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    }

    @Test
    void renewalInfoSuggestsTheLastThirdAndMovesIntoThePastOnRevocation() throws Exception {
        AcmeFlow account = newAccount();
        X509Certificate leaf = Pem.readCertificate(account.issue("ari.test"));
        String infoUrl = client.directory().renewalInfo() + "/" + AriCertificateId.of(leaf);

        Response before = client.get(infoUrl);
        account.post(revokeUrl(), new RevocationRequest(encoded(leaf), 1));
        Response after = client.get(infoUrl);

        assertThat(before.status()).isEqualTo(200);
        assertThat(before.header("Retry-After")).isEqualTo("21600");
        assertThat(before.json().get("suggestedWindow").fieldNames()).toIterable().containsExactly("start", "end");
        RenewalInfo.SuggestedWindow window = before.as(RenewalInfo.class).suggestedWindow();
        Duration lifetime = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertThat(window.start()).isEqualTo(leaf.getNotAfter().toInstant().minus(lifetime.dividedBy(3)));
        assertThat(window.end()).isAfter(window.start()).isBefore(leaf.getNotAfter().toInstant());
        RenewalInfo.SuggestedWindow revoked = after.as(RenewalInfo.class).suggestedWindow();
        assertThat(revoked.isValid()).isTrue();
        assertThat(revoked.end()).isBefore(Instant.now());
    }

    @Test
    void renewalInfoForUnknownOrMalformedIdentifiers() {
        Response malformed = client.get(client.directory().renewalInfo() + "/not-an-id");
        Response unknown = client.get(client.directory().renewalInfo() + "/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.problem().type()).isEqualTo("urn:ietf:params:acme:error:malformed");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aFailedReplacementOrderDoesNotBlockTheNextOne() throws Exception {
        AcmeFlow account = newAccount();
        X509Certificate leaf = Pem.readCertificate(account.issue("retry.test"));
        NewOrderRequest replacement = new NewOrderRequest(List.of(Identifier.dns("retry.test"), Identifier.dns("new.test")),
                null, null, null, AriCertificateId.of(leaf).toString());
        Order failing = account.fetchOrder(account.order(replacement));
        var authz = account.post(failing.authorizations().get(1).toString(), null)
                .as(dev.vacme.common.model.Authorization.class);
        account.post(AcmeFlow.http01(authz).url().toString(), java.util.Map.of());
        dev.vacme.server.testing.Poll.until(() -> account.fetchOrder(failing.finalizeUrl().toString()
                        .replace("/finalize", "")), o -> o.status() == dev.vacme.common.model.OrderStatus.INVALID,
                Duration.ofSeconds(20));

        Response retried = account.post(client.directory().newOrder().toString(), replacement);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    }

    @Test
    void anOrderMayReplaceACertificateOnce() throws Exception {
        AcmeFlow account = newAccount();
        X509Certificate leaf = Pem.readCertificate(account.issue("replace.test"));
        String id = AriCertificateId.of(leaf).toString();
        NewOrderRequest replacement = new NewOrderRequest(List.of(Identifier.dns("replace.test")), null, null, null, id);

        Order first = account.fetchOrder(account.order(replacement));
        Response second = account.post(client.directory().newOrder().toString(), replacement);
        Response stranger = newAccount().post(client.directory().newOrder().toString(), replacement);
        Response unrelated = account.post(client.directory().newOrder().toString(),
                new NewOrderRequest(List.of(Identifier.dns("other.test")), null, null, null, id));

        assertThat(first.replaces()).isEqualTo(id);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.problem().type()).isEqualTo("urn:ietf:params:acme:error:alreadyReplaced");
        assertThat(stranger.problem().detail()).isEqualTo("\"replaces\" names a certificate of another account");
        assertThat(unrelated.problem().detail())
                .isEqualTo("\"replaces\" names a certificate that shares no identifier with this order");
    }
}
