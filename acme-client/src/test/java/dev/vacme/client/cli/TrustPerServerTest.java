package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.acme.AcmeNetworkException;
import dev.vacme.client.acme.TransportSettings;
import dev.vacme.client.store.AccountStore;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.StoredAccount;
import dev.vacme.client.testing.CliRunner;
import dev.vacme.common.pki.KeyType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A CA bundle remembered for one server must not be trusted for another. */
class TrustPerServerTest {

    private static final URI PRIVATE_CA = URI.create("https://ca.internal.test/dir");
    private static final URI OTHER_CA = URI.create("https://other.test/dir");

    @TempDir
    Path home;

    private final List<TransportSettings> built = new ArrayList<>();

    private void account(URI server, Path caBundle) throws IOException {
        Files.writeString(caBundle, "remembered bundle\n");
        new AccountStore(new ConfigLayout(home.resolve(".config/vacme"))).save(new StoredAccount(server,
                URI.create(server.resolve("acct/1").toString()), KeyType.EC_P256.generate(), List.of(),
                Instant.parse("2025-01-01T00:00:00Z"), caBundle));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "https://ca.internal.test/dir | none            | private.pem",
        "https://other.test/dir       | none            | other.pem",
        "https://other.test/dir       | extra.pem       | extra.pem other.pem",
    })
    void eachServerIsTrustedWithItsOwnBundle(String server, String given, String expected) throws IOException {
        account(PRIVATE_CA, home.resolve("private.pem"));
        account(OTHER_CA, home.resolve("other.pem"));
        List<String> args = new ArrayList<>(List.of("--server", server, "show-account"));
        if (given != null) {
            args.addAll(List.of("--ca-bundle", given));
        }

        new CliRunner(home).transports(settings -> {
            built.add(settings);
            return request -> {
                throw new AcmeNetworkException("offline", new ConnectException("offline"));
            };
        }).run(args.toArray(String[]::new));

        assertThat(built).singleElement().extracting(TransportSettings::caBundles).asList()
                .containsExactlyElementsOf(List.of(expected.split(" ")).stream().map(home::resolve).toList());
    }

    @Test
    void aServerWithoutABundleUsesTheSystemTrustOnly() throws IOException {
        account(PRIVATE_CA, home.resolve("private.pem"));

        new CliRunner(home).transports(settings -> {
            built.add(settings);
            return request -> {
                throw new AcmeNetworkException("offline", new ConnectException("offline"));
            };
        }).run("--server", "https://public.test/dir", "register", "--register-unsafely-without-email", "-n");

        assertThat(built).singleElement().extracting(TransportSettings::caBundles).asList().isEmpty();
    }
}
