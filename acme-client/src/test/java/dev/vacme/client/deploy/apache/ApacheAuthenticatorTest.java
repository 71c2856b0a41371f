package dev.vacme.client.deploy.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.challenge.AuthenticatorException;
import dev.vacme.client.challenge.ChallengeTask;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.testing.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Apache authenticator writes and takes out again, with a control command that only
 * records its calls (the real httpd runs in {@link ApacheInstallerIT} and the CLI tests).
 */
class ApacheAuthenticatorTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz012345";

    @TempDir
    Path root;

    private final List<String> log = new ArrayList<>();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T00:00:00Z"));

    @Test
    void includesTheAliasInTheMatchingPlainVirtualHostsAndTakesEverythingOutAgain() throws IOException {
        String site = "<VirtualHost *:80>\n\tServerName a.test\n\tRedirect / https://a.test/\n</VirtualHost>\n"
                + "<VirtualHost *:443>\n\tServerName a.test\n</VirtualHost>\n"
                + "<VirtualHost *:80>\n\tServerName other.test\n</VirtualHost>\n";
        Files.writeString(root.resolve("apache2.conf"), "Include site.conf\n");
        Files.writeString(root.resolve("site.conf"), site);
        Path calls = root.resolve("calls");
        ApacheAuthenticator authenticator = authenticator("echo >> " + calls);

        authenticator.perform(List.of(task("a.test")));

        Path include = root.resolve("vacme-acme-challenge.conf");
        assertThat(root.resolve("site.conf")).hasContent(site.replace("<VirtualHost *:80>\n\tServerName a.test",
                "<VirtualHost *:80>\n\tInclude " + include + "\n\tServerName a.test").strip());
        assertThat(root.resolve("vacme-acme-challenge").resolve(TOKEN)).hasContent(TOKEN + ".thumb");
        assertThat(Files.readString(include)).contains("Alias /.well-known/acme-challenge/ " + root
                + "/vacme-acme-challenge/\n", "RewriteRule ^/\\.well-known/acme-challenge/ - [L]");
        assertThat(Files.readAllLines(calls)).containsExactly("-t", "-k graceful");
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("Apache does not serve /.well-known/acme-challenge/"
                + TOKEN + " for a.test at 127.0.0.1:80 yet"));

        authenticator.cleanup(List.of(task("a.test")));

        assertThat(root.resolve("site.conf")).hasContent(site.strip());
        assertThat(include).doesNotExist();
        assertThat(root.resolve("vacme-acme-challenge")).doesNotExist();
        assertThat(Files.readAllLines(calls)).containsExactly("-t", "-k graceful", "-t", "-k graceful");
    }

    @Test
    void aFailingConfigurationTestIsReportedAndCleanupStillTakesEverythingOut() throws IOException {
        String site = "<VirtualHost *:80>\n    ServerAlias *.a.test\n</VirtualHost>\n";
        Files.writeString(root.resolve("httpd.conf"), site);
        ApacheAuthenticator authenticator = authenticator("echo 'AH00526: Syntax error' >&2; exit 1; :");

        assertThatThrownBy(() -> authenticator.perform(List.of(task("www.a.test"))))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("Apache's configuration test")
                .hasMessageContaining("AH00526: Syntax error")
                .hasMessageEndingWith("Apache was not reloaded and keeps running with the configuration it had loaded");
        authenticator.cleanup(List.of(task("www.a.test")));

        assertThat(root.resolve("httpd.conf")).hasContent(site.strip());
        assertThat(root.resolve("vacme-acme-challenge")).doesNotExist();
        assertThat(root.resolve("vacme-acme-challenge.conf")).doesNotExist();
    }

    @Test
    void refusesANameNoPlainVirtualHostAnswersToAndChangesNothing() throws IOException {
        Files.writeString(root.resolve("httpd.conf"), "<VirtualHost *:443>\n    ServerName a.test\n</VirtualHost>\n");
        ApacheAuthenticator authenticator = authenticator("true");

        assertThatThrownBy(() -> authenticator.perform(List.of(task("a.test"))))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessage("no plain-HTTP <VirtualHost> in " + root + " has a ServerName or ServerAlias matching"
                        + " a.test; add one, or use --webroot or --standalone");
        authenticator.cleanup(List.of(task("a.test")));

        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("httpd.conf");
        }
    }

    private ApacheAuthenticator authenticator(String ctl) {
        ApacheSettings settings = new ApacheSettings(root, ctl, 443);
        HookRunner runner = new HookRunner(Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(30), root);
        return new ApacheAuthenticator(settings, new ApacheControl(settings.ctl(), runner, log::add), clock,
                RecordingSleeper.advancing(clock), log::add);
    }

    private static ChallengeTask task(String domain) {
        Challenge challenge = new Challenge("http-01", URI.create("https://ca.test/chall/" + TOKEN),
                ChallengeStatus.PENDING, null, null, TOKEN);
        return new ChallengeTask(Identifier.dns(domain), false, challenge, TOKEN + ".thumb");
    }
}
