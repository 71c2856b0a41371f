package dev.vacme.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.KeyType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountStoreTest {

    @TempDir
    Path root;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "https://acme-v02.api.letsencrypt.org/directory, accounts/acme-v02.api.letsencrypt.org/directory",
        "https://127.0.0.1:14000/dir,                     accounts/127.0.0.1:14000/dir",
        "https://ca.test/,                                accounts/ca.test",
        "https://ca.test/a b/..x,                         accounts/ca.test/a_b/_..x",
    })
    void namesTheDirectoryAfterTheServer(String server, String directory) {
        AccountStore store = new AccountStore(new ConfigLayout(root));

        assertThat(root.relativize(store.directory(URI.create(server.replace(" ", "%20")))))
                .isEqualTo(Path.of(directory));
    }

    @Test
    void savesAndLoadsAnAccountWithAPrivateKey() throws IOException {
        Path configDir = root.resolve("vacme");
        AccountStore store = new AccountStore(new ConfigLayout(configDir));
        URI server = URI.create("https://ca.test/dir");
        StoredAccount account = new StoredAccount(server, URI.create("https://ca.test/acct/7"),
                KeyType.EC_P256.generate(), List.of("mailto:a@b.test"), Instant.parse("2025-01-01T00:00:00Z"),
                Path.of("/etc/ssl/private-ca.pem"));

        store.save(account);
        StoredAccount loaded = store.load(server).orElseThrow();

        assertThat(loaded.url()).isEqualTo(account.url());
        assertThat(loaded.contact()).containsExactly("mailto:a@b.test");
        assertThat(loaded.created()).isEqualTo(account.created());
        assertThat(loaded.keys().getPublic()).isEqualTo(account.keys().getPublic());
        Path key = store.directory(server).resolve("private_key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir.resolve("accounts"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir))).isEqualTo("rwxr-xr-x");
        assertThat(loaded.caBundle()).isEqualTo(Path.of("/etc/ssl/private-ca.pem"));
        assertThat(store.servers()).containsExactly(server);
        assertThat(store.caBundle(server)).hasValue(Path.of("/etc/ssl/private-ca.pem"));
        assertThat(store.caBundle(URI.create("https://other.test/dir"))).isEmpty();
        assertThat(store.load(URI.create("https://other.test/dir"))).isEmpty();
    }
}
