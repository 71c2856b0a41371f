package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.store.AuthenticatorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class AuthenticatorOptionsTest {

    /** A command that only carries the options, parsed as the CLI parses them. */
    static final class Holder {
        @Mixin
        AuthenticatorOptions options;
    }

    private static AuthenticatorOptions parse(String args) {
        Holder holder = new Holder();
        new CommandLine(holder).setOverwrittenOptionsAllowed(true).parseArgs(args.split(" "));
        return holder.options;
    }

    @Test
    void readsNamesInOrderCommaSeparatedOrRepeatedWithoutDuplicates() {
        assertThat(parse("-d A.test,www.a.test -d b.test --domains a.test").domains())
                .containsExactly("a.test", "www.a.test", "b.test");
    }

    @Test
    void mapsEachNameToTheWebrootGivenBeforeItAsCertbotDoes() {
        AuthenticatorSpec spec = parse("-d early.test --webroot -w /srv/a -d a.test -d www.a.test -w /srv/b -d b.test")
                .resolve(null, Path.of("/work"));

        assertThat(spec.kind()).isEqualTo(AuthenticatorSpec.Kind.WEBROOT);
        assertThat(spec.webroots()).isEqualTo(Map.of("early.test", Path.of("/srv/a"), "a.test", Path.of("/srv/a"),
                "www.a.test", Path.of("/srv/a"), "b.test", Path.of("/srv/b")));
        assertThat(spec.webroots().keySet()).containsExactly("early.test", "a.test", "www.a.test", "b.test");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "-d a.test --standalone --http-01-port 8080                              | STANDALONE | http-01",
        "-d a.test -w www                                                        | WEBROOT    | http-01",
        "-d a.test --manual-auth-hook /bin/true                                  | MANUAL     | http-01",
        "-d a.test --manual --manual-auth-hook /bin/true --preferred-challenges dns       | MANUAL | dns-01",
        "-d a.test --manual --manual-auth-hook /bin/true --preferred-challenges dns-01,http | MANUAL | dns-01 http-01",
    })
    void choosesTheAuthenticator(String args, AuthenticatorSpec.Kind kind, String types) {
        AuthenticatorSpec spec = parse(args).resolve(null, Path.of("/work"));

        assertThat(spec.kind()).isEqualTo(kind);
        assertThat(spec.challengeTypes()).isEqualTo(List.of(types.split(" ")));
        if (kind == AuthenticatorSpec.Kind.WEBROOT) {
            assertThat(spec.webroots()).containsEntry("a.test", Path.of("/work/www"));
        }
    }

    @Test
    void keepsTheRememberedAuthenticatorWhenNoneIsGiven() {
        AuthenticatorSpec remembered = AuthenticatorSpec.standalone("127.0.0.1", 8080);

        assertThat(parse("-d a.test").resolve(remembered, Path.of("/work"))).isSameAs(remembered);
    }
}
