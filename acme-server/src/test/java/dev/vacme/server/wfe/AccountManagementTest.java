package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.Account;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.KeyChangeRequest;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeServerTest;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import java.net.URI;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accounts (RFC 8555 §7.3): creation, lookup, update, deactivation and key rollover. */
class AccountManagementTest extends AcmeServerTest {

    private static String newAccountUrl() {
        return client.directory().newAccount().toString();
    }

    @Test
    void createsAnAccountThenReturnsTheSameOneForTheSameKey() {
        KeyPair key = KeyType.EC_P256.generate();
        NewAccountRequest request = new NewAccountRequest(List.of("mailto:admin@example.com"), true, null, null);

        Response created = client.postWithJwk(newAccountUrl(), key, request);
        Response again = client.postWithJwk(newAccountUrl(), key, request);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).startsWith(server.baseUrl() + "/acme/acct/");
        Account account = created.as(Account.class);
        assertThat(account.status()).isEqualTo(AccountStatus.VALID);
        assertThat(account.contact()).containsExactly("mailto:admin@example.com");
        assertThat(account.orders()).isEqualTo(URI.create(created.location() + "/orders"));
        assertThat(created.json().has("onlyReturnExisting")).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.location()).isEqualTo(created.location());
    }

    @Test
    void onlyReturnExistingFindsButNeverCreates() {
        KeyPair key = KeyType.ED25519.generate();

        Response missing = client.postWithJwk(newAccountUrl(), key, new NewAccountRequest(null, null, true, null));
        Response created = client.postWithJwk(newAccountUrl(), key, new NewAccountRequest(null, true, null, null));
        Response found = client.postWithJwk(newAccountUrl(), key, new NewAccountRequest(null, null, true, null));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problem().type()).isEqualTo("urn:ietf:params:acme:error:accountDoesNotExist");
        assertThat(created.status()).isEqualTo(201);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.location()).isEqualTo(created.location());
    }

    @Test
    void everyAcceptedKeyTypeCanRegister() {
        for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P384, KeyType.ED25519)) {
            Response response = client.postWithJwk(newAccountUrl(), type.generate(),
                    new NewAccountRequest(null, true, null, null));
            assertThat(response.status()).as(type + ": " + response.body()).isEqualTo(201);
        }
    }

    @Test
    void contactsAreValidatedAndUpdated() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();

        Response unsupported = client.postWithJwk(newAccountUrl(), KeyType.EC_P256.generate(),
                new NewAccountRequest(List.of("tel:+1555"), true, null, null));
        Response invalid = account.post(account.kid(), new AccountUpdateRequest(List.of("mailto:nobody"), null, null));
        Response updated = account.post(account.kid(),
                new AccountUpdateRequest(List.of("mailto:new@example.com"), null, null));
        Response fetched = account.post(account.kid(), null);

        assertThat(unsupported.problem().type()).isEqualTo("urn:ietf:params:acme:error:unsupportedContact");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.problem().type()).isEqualTo("urn:ietf:params:acme:error:invalidContact");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(fetched.as(Account.class).contact()).containsExactly("mailto:new@example.com");
    }

    @Test
    void onlyDeactivationIsAValidStatusChange() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();

        Response revoked = account.post(account.kid(), new AccountUpdateRequest(null, AccountStatus.REVOKED, null));

        assertThat(revoked.status()).isEqualTo(400);
        assertThat(revoked.problem().detail()).isEqualTo("an account's status can only be changed to \"deactivated\"");
    }

    @Test
    void keyRolloverMovesTheAccountToTheNewKey() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        KeyPair newKey = KeyType.EC_P384.generate();

        Response changed = client.postWithKid(keyChangeUrl(), account.accountKey(), account.kid(),
                innerKeyChange(account, newKey, keyChangeUrl()).toJson());
        Response byNewKey = client.postWithKid(account.kid(), newKey, account.kid(), null);
        Response byOldKey = client.postWithJwk(newAccountUrl(), account.accountKey(),
                new NewAccountRequest(null, null, true, null));
        Response kidSignedByOldKey = client.postWithKid(account.kid(), account.accountKey(), account.kid(), null);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(byNewKey.status()).isEqualTo(200);
        assertThat(byOldKey.problem().type()).isEqualTo("urn:ietf:params:acme:error:accountDoesNotExist");
        assertThat(kidSignedByOldKey.problem().detail()).as("checked against the new P-384 key, not the old one")
                .isEqualTo("JWS algorithm ES256 does not fit a EC key of this size or curve");
    }

    @Test
    void keyRolloverToAKeyOfAnotherAccountIsAConflictNamingIt() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        AcmeFlow other = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();

        Response conflict = client.postWithKid(keyChangeUrl(), account.accountKey(), account.kid(),
                innerKeyChange(account, other.accountKey(), keyChangeUrl()).toJson());

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.location()).isEqualTo(other.kid());
        assertThat(conflict.problem().detail()).isEqualTo("the new key already belongs to another account");
    }

    @Test
    void keyRolloverChecksTheInnerJws() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        KeyPair newKey = KeyType.EC_P256.generate();
        FlattenedJws wrongUrl = innerKeyChange(account, newKey, server.baseUrl() + "/acme/new-order");
        KeyChangeRequest wrongOldKey = new KeyChangeRequest(URI.create(account.kid()),
                AcmeJson.toTree(Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic()).toJSONObject()));

        Response urlMismatch = client.postWithKid(keyChangeUrl(), account.accountKey(), account.kid(), wrongUrl.toJson());
        Response oldKeyMismatch = client.postWithKid(keyChangeUrl(), account.accountKey(), account.kid(),
                JwsSigner.signWithJwk(newKey, null, keyChangeUrl(), AcmeJson.writeBytes(wrongOldKey)).toJson());
        Response withNonce = client.postWithKid(keyChangeUrl(), account.accountKey(), account.kid(),
                JwsSigner.signWithJwk(newKey, "n", keyChangeUrl(), AcmeJson.writeBytes(
                        new KeyChangeRequest(URI.create(account.kid()), oldKey(account)))).toJson());

        assertThat(urlMismatch.problem().detail()).isEqualTo("the inner JWS's \"url\" must equal the outer JWS's");
        assertThat(oldKeyMismatch.problem().detail())
                .isEqualTo("the keyChange object's oldKey is not the account's current key");
        assertThat(withNonce.problem().detail()).isEqualTo("the inner JWS must not have a \"nonce\"");
    }

    private static String keyChangeUrl() {
        return client.directory().keyChange().toString();
    }

    private static FlattenedJws innerKeyChange(AcmeFlow account, KeyPair newKey, String url) {
        KeyChangeRequest request = new KeyChangeRequest(URI.create(account.kid()), oldKey(account));
        return JwsSigner.signWithJwk(newKey, null, url, AcmeJson.writeBytes(request));
    }

    private static com.fasterxml.jackson.databind.JsonNode oldKey(AcmeFlow account) {
        return AcmeJson.toTree(Jwks.fromPublicKey(account.accountKey().getPublic()).toJSONObject());
    }
}
