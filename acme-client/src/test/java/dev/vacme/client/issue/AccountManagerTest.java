package dev.vacme.client.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.acme.AcmeNetworkException;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.acme.AcmeSessions;
import dev.vacme.client.acme.TransportSettings;
import dev.vacme.client.store.AccountStore;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.StoredAccount;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.ScriptedTransport;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.jws.JwsException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountManagerTest {

    @TempDir
    Path config;

    private final FakeAcme acme = new FakeAcme();
    private boolean answerNewAccount;
    private boolean refuseNewAccount;
    private AccountStore store;
    private AccountManager manager;

    @BeforeEach
    void setUp() {
        store = new AccountStore(new ConfigLayout(config));
        // The server creates the account, but its answer never arrives.
        AcmeSessions sessions = new AcmeSessions(settings -> request -> {
            if (request.uri().getPath().equals("/new-acct") && refuseNewAccount) {
                return ScriptedTransport.response(request, 403, "application/problem+json",
                        "{\"type\":\"urn:ietf:params:acme:error:unauthorized\",\"detail\":\"bad binding\"}",
                        "Replay-Nonce", "refused");
            }
            var response = acme.send(request);
            if (request.uri().getPath().equals("/new-acct") && !answerNewAccount) {
                throw new AcmeNetworkException("connection reset", new ConnectException("reset"));
            }
            return response;
        }, server -> new TransportSettings(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), "test"),
                Clock.systemUTC());
        manager = new AccountManager(store, sessions, Clock.systemUTC(), new SecureRandom());
    }

    private Registration registration() {
        return new Registration(List.of(), true, null, null);
    }

    @Test
    void theKeyIsStoredBeforeTheServerSeesItAndReusedWhenTheAnswerWasLost() throws Exception {
        assertThatThrownBy(() -> manager.register(FakeAcme.DIRECTORY, registration(), null))
                .isInstanceOf(AcmeNetworkException.class);

        Path key = store.directory(FakeAcme.DIRECTORY).resolve("private_key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(store.load(FakeAcme.DIRECTORY)).isEmpty();
        String sentFirst = jwkOfNewAccount(0);

        answerNewAccount = true;
        StoredAccount account = manager.register(FakeAcme.DIRECTORY, registration(), null);

        assertThat(jwkOfNewAccount(1)).isEqualTo(sentFirst);
        assertThat(Jwks.thumbprint(account.keys().getPublic())).isEqualTo(sentFirst);
        assertThat(account.url().toString()).isEqualTo("https://ca.test/acct/1");
        assertThat(store.load(FakeAcme.DIRECTORY)).get().extracting(StoredAccount::url).isEqualTo(account.url());
    }

    @Test
    void aKeyTheServerRefusedIsNotKept() {
        refuseNewAccount = true;

        assertThatThrownBy(() -> manager.register(FakeAcme.DIRECTORY, registration(), null))
                .isInstanceOf(AcmeProblemException.class).hasMessage("unauthorized: bad binding");

        assertThat(config.resolve("accounts")).doesNotExist();
        assertThat(store.pendingKey(FakeAcme.DIRECTORY)).isEmpty();
    }

    @Test
    void aKeyLeftByALostAnswerIsKeptEvenWhenTheServerRefusesLater() {
        assertThatThrownBy(() -> manager.register(FakeAcme.DIRECTORY, registration(), null))
                .isInstanceOf(AcmeNetworkException.class);
        refuseNewAccount = true;

        assertThatThrownBy(() -> manager.register(FakeAcme.DIRECTORY, registration(), null))
                .isInstanceOf(AcmeProblemException.class);

        assertThat(store.pendingKey(FakeAcme.DIRECTORY)).isPresent();
    }

    private String jwkOfNewAccount(int index) throws JwsException {
        var request = acme.requests().stream().filter(r -> r.uri().getPath().equals("/new-acct")).toList().get(index);
        return Jwks.thumbprint(FlattenedJws.parse(request.body()).parseJwk());
    }
}
