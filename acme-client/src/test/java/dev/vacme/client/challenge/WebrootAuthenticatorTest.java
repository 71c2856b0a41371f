package dev.vacme.client.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebrootAuthenticatorTest {

    @TempDir
    Path dir;

    private static ChallengeTask task(String domain, String token) {
        Challenge challenge = new Challenge("http-01", URI.create("https://ca.test/chall/" + token),
                ChallengeStatus.PENDING, null, null, token);
        return new ChallengeTask(Identifier.dns(domain), false, challenge, token + ".thumb");
    }

    @Test
    void writesResponsesBelowEachNamesRootAndRemovesThemWithTheDirectoriesItCreated() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b/.well-known"));
        WebrootAuthenticator authenticator = new WebrootAuthenticator(Map.of("a.test", a, "b.test", b.getParent()),
                message -> { });
        List<ChallengeTask> tasks = List.of(task("a.test", "ta"), task("b.test", "tb"));

        authenticator.perform(tasks);

        assertThat(Files.readString(a.resolve(".well-known/acme-challenge/ta"))).isEqualTo("ta.thumb");
        assertThat(Files.readString(b.resolve("acme-challenge/tb"))).isEqualTo("tb.thumb");

        authenticator.cleanup(tasks);

        assertThat(a.resolve(".well-known")).doesNotExist();
        assertThat(b).exists();
        assertThat(b.resolve("acme-challenge")).doesNotExist();
    }

    @Test
    void refusesANameWithoutWebrootAndCleansUpWhatItWroteBefore() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        WebrootAuthenticator authenticator = new WebrootAuthenticator(Map.of("a.test", a), message -> { });
        List<ChallengeTask> tasks = List.of(task("a.test", "ta"), task("c.test", "tc"));

        assertThatThrownBy(() -> authenticator.perform(tasks)).isInstanceOf(AuthenticatorException.class)
                .hasMessage("no webroot for c.test; give -w DIR before its -d");
        authenticator.cleanup(tasks);

        assertThat(a.resolve(".well-known")).doesNotExist();
    }

    @ParameterizedTest(name = "[{index}] token \"{0}\"")
    @ValueSource(strings = {"../../x", "../acme-challenge2/x", "a/b", "..", ".", ""})
    void refusesATokenThatNamesAFileOutsideTheChallengeDirectory(String token) throws IOException {
        Path root = Files.createDirectories(dir.resolve("www/a"));
        WebrootAuthenticator authenticator = new WebrootAuthenticator(Map.of("a.test", root), message -> { });
        List<ChallengeTask> tasks = List.of(task("a.test", token));

        assertThatThrownBy(() -> authenticator.perform(tasks)).isInstanceOf(AuthenticatorException.class)
                .hasMessage("refusing the http-01 token '" + token + "' of a.test: it names a file outside "
                        + root.resolve(".well-known/acme-challenge"));
        authenticator.cleanup(tasks);

        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(root.resolve(".well-known")).doesNotExist();
    }

    @Test
    void removesAResponseFileThatCouldOnlyBeWrittenHalfway() throws IOException {
        Path root = Files.createDirectories(dir.resolve("www"));
        WebrootAuthenticator authenticator = new WebrootAuthenticator(Map.of("a.test", root), message -> { },
                (file, content) -> {
                    Files.write(file, Arrays.copyOf(content, 3));
                    throw new IOException("No space left on device");
                });
        List<ChallengeTask> tasks = List.of(task("a.test", "AbCdEfGhIjKlMnOpQrStUv"));

        assertThatThrownBy(() -> authenticator.perform(tasks)).isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("No space left on device");
        authenticator.cleanup(tasks);

        assertThat(root.resolve(".well-known")).doesNotExist();
    }
}
