package dev.vacme.client.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.acme.AcmeProtocolException;
import dev.vacme.client.store.StoreException;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.IssuanceFixture;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Installing what the server issued: the renewal configuration first, the live switch last. */
class LineageIssuerTest {

    @TempDir
    Path dir;

    private final FakeAcme acme = new FakeAcme();
    private IssuanceFixture fixture;
    private Path config;

    @BeforeEach
    void setUp() {
        config = dir.resolve("config");
        fixture = new IssuanceFixture(config, acme);
        fixture.register();
    }

    private Obtained obtain(String... domains) {
        return fixture.renewer(dir).renew("a.test", IssuanceFixture.conf(domains), null, false);
    }

    /** Makes {@code renewal/a.test.conf} unwritable: a directory that rename(2) cannot replace. */
    private void blockTheRenewalConfiguration() throws IOException {
        Path conf = config.resolve("renewal/a.test.conf");
        Files.deleteIfExists(conf);
        Files.createDirectories(conf.resolve("blocker"));
    }

    private List<String> archive() throws IOException {
        Path archive = config.resolve("archive/a.test");
        if (!Files.exists(archive)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(archive)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFirstCertificateWhoseConfigurationCannotBeWrittenIsNotInstalled() throws IOException {
        blockTheRenewalConfiguration();

        assertThatThrownBy(() -> obtain("a.test"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot write " + config.resolve("renewal/a.test.conf"))
                .hasMessageEndingWith("; the new certificate was not installed and the previous version stays live");

        assertThat(config.resolve("live/a.test")).doesNotExist();
        assertThat(archive()).isEmpty();
    }

    @Test
    void aRenewalWhoseConfigurationCannotBeWrittenLeavesThePreviousVersionLive() throws IOException {
        Obtained first = obtain("a.test");
        byte[] live = Files.readAllBytes(config.resolve("live/a.test/fullchain.pem"));
        blockTheRenewalConfiguration();

        assertThatThrownBy(() -> fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), false))
                .isInstanceOf(StoreException.class);

        assertThat(fixture.store().liveVersion("a.test")).hasValue(1);
        assertThat(Files.readAllBytes(config.resolve("live/a.test/fullchain.pem"))).isEqualTo(live);
        assertThat(archive()).containsExactly("1");
    }

    @Test
    void theConfigurationDescribesTheNewVersionOnceItIsLive() {
        Obtained first = obtain("a.test");
        Obtained second = fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), false);

        assertThat(fixture.store().liveVersion("a.test")).hasValue(2);
        assertThat(fixture.store().readConf("a.test").certificate()).isEqualTo(second.facts());
        assertThat(second.facts().serial()).isNotEqualTo(first.facts().serial());
        assertThat(fixture.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "another key        | a.test www.a.test | the server's certificate SERIAL is not for the key of the request; nothing was installed",
        "a name missing     | a.test            | the server's certificate SERIAL names a.test instead of the ordered a.test, www.a.test; nothing was installed",
        "a name added       | a.test www.a.test evil.test | the server's certificate SERIAL names a.test, evil.test, www.a.test instead of the ordered a.test, www.a.test; nothing was installed",
        "other names        | evil.test         | the server's certificate SERIAL names evil.test instead of the ordered a.test, www.a.test; nothing was installed",
    })
    void aCertificateThatDoesNotMatchTheKeyAndNamesIsNotInstalled(String description, String names, String message)
            throws IOException {
        Obtained first = obtain("a.test", "www.a.test");
        X509Certificate[] issued = new X509Certificate[1];
        acme.issuing((key, identifiers) -> {
            PublicKey subject = description.equals("another key") ? KeyType.EC_P256.generate().getPublic() : key;
            issued[0] = acme.issue(subject, Arrays.stream(names.split(" ")).map(Identifier::dns).toList());
            return issued[0];
        });

        assertThatThrownBy(() -> fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), false))
                .isInstanceOf(AcmeProtocolException.class)
                .hasMessage(message.replace("SERIAL", issued[0].getSerialNumber().toString(16)));

        assertThat(fixture.store().liveVersion("a.test")).hasValue(1);
        assertThat(archive()).containsExactly("1");
        assertThat(fixture.store().readConf("a.test").certificate()).isEqualTo(first.facts());
    }

    @Test
    void namesAreComparedInTheirNormalForm() {
        acme.issuing((key, identifiers) -> acme.issue(key, List.of(Identifier.dns("a.test"),
                Identifier.ip("2001:db8::1"))));

        Obtained obtained = fixture.renewer(dir).renew("a.test", IssuanceFixture.conf("a.test",
                "2001:DB8:0:0:0:0:0:1"), null, false);

        assertThat(obtained.facts().version()).isEqualTo(1);
    }
}
