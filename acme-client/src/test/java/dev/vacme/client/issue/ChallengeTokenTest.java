package dev.vacme.client.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.acme.AcmeProtocolException;
import dev.vacme.client.store.AuthenticatorSpec;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.IssuanceFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A hostile server's challenge token must not become a path outside the webroot or reach a hook. */
class ChallengeTokenTest {

    @TempDir
    Path dir;

    private IssuanceFixture fixture(String token) {
        IssuanceFixture fixture = new IssuanceFixture(dir.resolve("config"),
                new FakeAcme().withPendingAuthorizations().withTokens(identifier -> token));
        fixture.register();
        return fixture;
    }

    private List<String> filesBelow(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString)
                    .filter(file -> !file.startsWith("config/")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "[{index}] token \"{0}\" with {1}")
    @CsvSource(delimiter = '|', value = {
        "../../../x                              | webroot | ../../../x",
        "../../../x                              | manual  | ../../../x",
        "a/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb    | webroot | a/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "..                                      | webroot | ..",
        "tooShortForRfc8555                      | manual  | tooShortForRfc8555",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/ | webroot | AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/",
        "'AAAAAAAAAAAAAAAAAAAAAA\nrm -rf /'      | manual  | AAAAAAAAAAAAAAAAAAAAAA?rm -rf /",
    })
    void aMalformedTokenStopsTheOrderBeforeAnythingIsWrittenOrRun(String token, String kind, String shown)
            throws IOException {
        Path webroot = Files.createDirectories(dir.resolve("www/site"));
        AuthenticatorSpec spec = kind.equals("webroot")
                ? new AuthenticatorSpec(AuthenticatorSpec.Kind.WEBROOT, "", 80, Map.of("a.test", webroot),
                        List.of("http-01"), null, null)
                : new AuthenticatorSpec(AuthenticatorSpec.Kind.MANUAL, "", 80, Map.of(), List.of("http-01"),
                        "echo \"$CERTBOT_TOKEN\" > " + dir.resolve("hook-ran"), null);
        IssuanceFixture fixture = fixture(token);

        assertThatThrownBy(() -> fixture.renewer(dir).renew("a.test", IssuanceFixture.conf(spec, "a.test"), null,
                false))
                .isInstanceOf(AcmeProtocolException.class)
                .hasMessage("the server's http-01 challenge for a.test has the token '" + shown + "', which is not"
                        + " base64url of at least 128 bits (RFC 8555 §8.3); refusing it, nothing was published");

        assertThat(filesBelow(dir)).isEmpty();
        assertThat(webroot.resolve(".well-known")).doesNotExist();
        assertThat(fixture.store().liveVersion("a.test")).isEmpty();
    }

    @Test
    void aWellFormedTokenIsAnswered() throws IOException {
        Path webroot = Files.createDirectories(dir.resolve("www"));
        IssuanceFixture fixture = fixture("AbCdEfGhIjKlMnOpQrStUv_-09");
        AuthenticatorSpec spec = new AuthenticatorSpec(AuthenticatorSpec.Kind.WEBROOT, "", 80,
                Map.of("a.test", webroot), List.of("http-01"), null, null);

        fixture.renewer(dir).renew("a.test", IssuanceFixture.conf(spec, "a.test"), null, false);

        assertThat(fixture.store().liveVersion("a.test")).hasValue(1);
        assertThat(webroot.resolve(".well-known")).doesNotExist();
    }
}
