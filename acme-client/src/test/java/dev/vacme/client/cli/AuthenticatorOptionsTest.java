package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.nginx.NginxInstallerOptions;
import dev.vacme.client.store.AuthenticatorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
                .resolve(null, Path.of("/work"), List.of("early.test", "a.test", "www.a.test", "b.test"));

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
        "-d a.test --standalone --preferred-challenges tls-alpn-01                 | STANDALONE | tls-alpn-01",
        "-d a.test --standalone --preferred-challenges tls-alpn,http,dns           | STANDALONE | tls-alpn-01 http-01",
    })
    void choosesTheAuthenticator(String args, AuthenticatorSpec.Kind kind, String types) {
        AuthenticatorOptions options = parse(args);
        AuthenticatorSpec spec = options.resolve(null, Path.of("/work"), options.domains());

        assertThat(spec.kind()).isEqualTo(kind);
        assertThat(spec.challengeTypes()).isEqualTo(List.of(types.split(" ")));
        if (kind == AuthenticatorSpec.Kind.WEBROOT) {
            assertThat(spec.webroots()).containsEntry("a.test", Path.of("/work/www"));
        }
    }

    @Test
    void keepsTheRememberedAuthenticatorWhenNoneIsGiven() {
        AuthenticatorSpec remembered = AuthenticatorSpec.standalone("127.0.0.1", 8080);

        assertThat(parse("-d a.test").resolve(remembered, Path.of("/work"), List.of("a.test"))).isSameAs(remembered);
    }

    @Test
    void appliesTlsAlpnOptionsOverTheRememberedOnesAndKeepsTheRest() {
        AuthenticatorSpec remembered = new AuthenticatorSpec(AuthenticatorSpec.Kind.STANDALONE, "", 80, Map.of(),
                List.of("tls-alpn-01"), null, null, Map.of(AuthenticatorSpec.TLS_ALPN_01_PORT, "8443"));

        AuthenticatorSpec address = parse("--tls-alpn-01-address 127.0.0.1").resolve(remembered, Path.of("/work"),
                List.of("a.test"));
        AuthenticatorSpec port = parse("--standalone --tls-alpn-01-port 9443").resolve(remembered, Path.of("/work"),
                List.of("a.test"));

        assertThat(address.challengeTypes()).containsExactly("tls-alpn-01");
        assertThat(address.tlsAlpn01Port()).isEqualTo(8443);
        assertThat(address.tlsAlpn01Address()).isEqualTo("127.0.0.1");
        assertThat(port.tlsAlpn01Port()).isEqualTo(9443);
        assertThat(port.tlsAlpn01Address()).isEmpty();
        assertThat(AuthenticatorSpec.standalone("", 80).tlsAlpn01Port()).isEqualTo(443);
    }

    @ParameterizedTest(name = "[{index}] {0} over {1}")
    @CsvSource(delimiter = '|', value = {
        "--http-01-port 9090                      | standalone 127.0.0.1:8080 | standalone 127.0.0.1:9090 http-01",
        "--standalone                             | standalone 127.0.0.1:8080 | standalone 127.0.0.1:8080 http-01",
        "-a standalone --http-01-address ::1      | standalone 127.0.0.1:8080 | standalone ::1:8080 http-01",
        "--standalone                             | webroot /srv/a            | standalone :80 http-01",
        "--webroot -w /srv/b                      | standalone 127.0.0.1:8080 | webroot a.test=/srv/b,b.test=/srv/b http-01",
        "-w /srv/b                                | webroot /srv/a            | webroot a.test=/srv/b,b.test=/srv/b http-01",
        "--webroot                                | webroot /srv/a            | webroot a.test=/srv/a,b.test=/srv/a http-01",
        "--http-01-port 9090                      | webroot /srv/a            | webroot a.test=/srv/a,b.test=/srv/a http-01",
        "--manual-cleanup-hook /bin/clean         | manual /bin/auth          | manual /bin/auth /bin/clean dns-01",
        "-a manual --preferred-challenges http    | manual /bin/auth          | manual /bin/auth null http-01",
        "--authenticator webroot -w /srv/c        | manual /bin/auth          | webroot a.test=/srv/c,b.test=/srv/c http-01",
        "-a apache                                | manual /bin/auth          | apache {} http-01",
        "--http-01-port 9090                      | apache /srv/httpd         | apache {apache_server_root=/srv/httpd} http-01",
    })
    void appliesOptionsOverTheRememberedAuthenticator(String args, String remembered, String expected) {
        AuthenticatorSpec spec = parse(args).resolve(spec(remembered), Path.of("/work"), List.of("a.test", "b.test"));

        assertThat(describe(spec)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "-a iis                    | unknown authenticator 'iis'; use standalone, webroot, manual, nginx or apache",
        "--authenticator dns       | unknown authenticator 'dns'; use standalone, webroot, manual, nginx or apache",
        "-a standalone --webroot   | choose one of --standalone, --webroot, --manual, --nginx and --apache",
        "-a webroot --webroot      | --webroot needs -w DIR, the document root that serves the names",
        "--manual --manual-auth-hook /bin/true --preferred-challenges tls-alpn | --manual answers http-01 and dns-01; tls-alpn-01 needs --standalone",
        "--webroot -w /srv --preferred-challenges tls-alpn-01 | --webroot answers http-01 only; dns-01 needs --manual with --manual-auth-hook, tls-alpn-01 --standalone",
        "--standalone --preferred-challenges tls-sni | unsupported --preferred-challenges 'tls-sni'; use dns, http or tls-alpn",
        "--standalone --tls-alpn-01-port 70000 | --tls-alpn-01-port must be between 1 and 65535",
    })
    void refusesAuthenticatorsItDoesNotHave(String args, String message) {
        AuthenticatorOptions options = parse(args);

        assertThatThrownBy(() -> options.resolve(null, Path.of("/work"), List.of("a.test")))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }

    /** A command with the authenticator options and the nginx installer's, as {@code run} has them. */
    static final class WithNginxInstaller {
        @Mixin
        AuthenticatorOptions options;

        @Mixin
        NginxInstallerOptions installer;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "--nginx                                     | nginx :80 {} http-01                                  | true",
        "-a nginx --http-01-port 8080                | nginx :8080 {} http-01                                | false",
        "--nginx --nginx-server-root srv --nginx-ctl /bin/ng"
                + " | nginx :80 {nginx_server_root=/work/srv, nginx_ctl=/bin/ng} http-01 | true",
    })
    void nginxTakesTheInstallersServerRootAndCommand(String args, String expected, boolean choosesInstaller) {
        WithNginxInstaller command = new WithNginxInstaller();
        new CommandLine(command).parseArgs(args.split(" "));
        command.options.plugins(List.of(command.installer));

        AuthenticatorSpec spec = command.options.resolve(null, Path.of("/work"), List.of("a.test"));

        assertThat(describe(spec)).isEqualTo(expected);
        assertThat(command.installer.choosesInstaller()).isEqualTo(choosesInstaller);
    }

    @Test
    void nginxKeepsRememberedSettingsNotGivenAgain() {
        AuthenticatorSpec remembered = new AuthenticatorSpec(AuthenticatorSpec.Kind.NGINX, "", 8080, Map.of(),
                List.of("http-01"), null, null, Map.of("nginx_server_root", "/srv/nginx", "nginx_ctl", "ng"));
        WithNginxInstaller command = new WithNginxInstaller();
        new CommandLine(command).parseArgs("--nginx-ctl", "/usr/sbin/nginx", "-a", "nginx");
        command.options.plugins(List.of(command.installer));

        AuthenticatorSpec spec = command.options.resolve(remembered, Path.of("/work"), List.of("a.test"));

        assertThat(spec.http01Port()).isEqualTo(8080);
        assertThat(spec.settings())
                .isEqualTo(Map.of("nginx_server_root", "/srv/nginx", "nginx_ctl", "/usr/sbin/nginx"));
    }

    private static AuthenticatorSpec spec(String text) {
        String[] parts = text.split(" ");
        return switch (parts[0]) {
            case "standalone" -> AuthenticatorSpec.standalone(parts[1].split(":")[0],
                    Integer.parseInt(parts[1].split(":")[1]));
            case "webroot" -> new AuthenticatorSpec(AuthenticatorSpec.Kind.WEBROOT, "", 80,
                    Map.of("a.test", Path.of(parts[1]), "b.test", Path.of(parts[1])), List.of("http-01"), null, null);
            case "apache" -> AuthenticatorSpec.plugin(AuthenticatorSpec.Kind.APACHE, Map.of("apache_server_root", parts[1]));
            default -> new AuthenticatorSpec(AuthenticatorSpec.Kind.MANUAL, "", 80, Map.of(), List.of("dns-01"),
                    parts[1], null);
        };
    }

    private static String describe(AuthenticatorSpec spec) {
        String types = String.join(",", spec.challengeTypes());
        return switch (spec.kind()) {
            case STANDALONE -> "standalone " + spec.http01Address() + ":" + spec.http01Port() + " " + types;
            case WEBROOT -> "webroot " + new TreeMap<>(spec.webroots()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))
                    + " " + types;
            case MANUAL -> "manual " + spec.manualAuthHook() + " " + spec.manualCleanupHook() + " " + types;
            case APACHE -> "apache " + new TreeMap<>(spec.settings()) + " " + types;
            case NGINX -> "nginx :" + spec.http01Port() + " " + spec.settings() + " " + types;
        };
    }
}
