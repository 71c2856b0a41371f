package dev.vacme.client.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.hook.HookRunner;
import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManualAuthenticatorTest {

    @TempDir
    Path dir;

    private static ChallengeTask task(String type, String domain, String token) {
        Challenge challenge = new Challenge(type, URI.create("https://ca.test/chall/" + token),
                ChallengeStatus.PENDING, null, null, token);
        return new ChallengeTask(Identifier.dns(domain), false, challenge, token + ".thumb");
    }

    private String logging(String name) {
        return "echo \"" + name + " $CERTBOT_DOMAIN v=$CERTBOT_VALIDATION t=${CERTBOT_TOKEN-unset}"
                + " r=$CERTBOT_REMAINING_CHALLENGES all=$CERTBOT_ALL_DOMAINS o=${CERTBOT_AUTH_OUTPUT-unset}\" >> "
                + dir.resolve("log");
    }

    @Test
    void giveHooksCertbotsVariablesForDns() throws IOException {
        HookRunner hooks = new HookRunner(System.getenv(), Duration.ofSeconds(20), dir);
        ManualAuthenticator authenticator = new ManualAuthenticator(List.of("dns-01"),
                logging("auth") + "; echo published-$CERTBOT_DOMAIN", logging("cleanup"), hooks, message -> { });
        List<ChallengeTask> tasks = List.of(task("dns-01", "a.test", "t1"), task("dns-01", "b.test", "t2"));

        authenticator.perform(tasks);
        authenticator.cleanup(tasks);

        String v1 = KeyAuthorizations.dns01TxtValue("t1.thumb");
        String v2 = KeyAuthorizations.dns01TxtValue("t2.thumb");
        assertThat(Files.readAllLines(dir.resolve("log"))).containsExactly(
                "auth a.test v=" + v1 + " t=unset r=1 all=a.test,b.test o=unset",
                "auth b.test v=" + v2 + " t=unset r=0 all=a.test,b.test o=unset",
                "cleanup a.test v=" + v1 + " t=unset r=1 all=a.test,b.test o=published-a.test",
                "cleanup b.test v=" + v2 + " t=unset r=0 all=a.test,b.test o=published-b.test");
    }

    @Test
    void givesTheTokenForHttpAndCleansUpWhatWasStartedWhenAnAuthHookFails() throws IOException {
        HookRunner hooks = new HookRunner(System.getenv(), Duration.ofSeconds(20), dir);
        ManualAuthenticator authenticator = new ManualAuthenticator(List.of("http-01"),
                logging("auth") + "; [ \"$CERTBOT_DOMAIN\" != b.test ]", logging("cleanup"), hooks, message -> { });
        List<ChallengeTask> tasks = List.of(task("http-01", "a.test", "t1"), task("http-01", "b.test", "t2"),
                task("http-01", "c.test", "t3"));

        assertThatThrownBy(() -> authenticator.perform(tasks)).isInstanceOf(AuthenticatorException.class)
                .hasMessageStartingWith("manual-auth-hook '").hasMessageContaining("exited with status 1");
        authenticator.cleanup(tasks);

        assertThat(Files.readAllLines(dir.resolve("log"))).containsExactly(
                "auth a.test v=t1.thumb t=t1 r=2 all=a.test,b.test,c.test o=unset",
                "auth b.test v=t2.thumb t=t2 r=1 all=a.test,b.test,c.test o=unset",
                "cleanup a.test v=t1.thumb t=t1 r=1 all=a.test,b.test,c.test o=",
                "cleanup b.test v=t2.thumb t=t2 r=0 all=a.test,b.test,c.test o=");
    }
}
