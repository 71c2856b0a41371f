package dev.vacme.client.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HookRunnerTest {

    @TempDir
    Path dir;

    private HookRunner runner(Duration timeout) {
        return new HookRunner(Map.of("PATH", "/usr/bin:/bin", "BASE", "base"), timeout, dir);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "echo out; echo err >&2                  | 0 | out | err",
        "exit 7                                  | 7 | ''  | ''",
        "echo \"$BASE $EXTRA\"                   | 0 | base extra | ''",
        "pwd                                     | 0 | DIR | ''",
        "cat; echo stdin-closed                  | 0 | stdin-closed | ''",
    })
    void runsThroughTheShellWithTheGivenEnvironment(String command, int exitCode, String stdout, String stderr) {
        HookResult result = runner(Duration.ofSeconds(20)).run(command, Map.of("EXTRA", "extra"));

        assertThat(result.exitCode()).isEqualTo(exitCode);
        assertThat(result.stdout().strip()).isEqualTo(stdout.replace("DIR", dir.toString()));
        assertThat(result.stderr().strip()).isEqualTo(stderr);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isEqualTo(exitCode == 0);
    }

    @Test
    void killsAHookThatRunsPastItsTimeoutWithItsChildren() {
        Instant start = Instant.now();

        HookResult result = runner(Duration.ofSeconds(1)).run("sleep 60 & sleep 60; echo never", Map.of());

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(runner(Duration.ofSeconds(1)).describeFailure("deploy-hook", result))
                .isEqualTo("deploy-hook 'sleep 60 & sleep 60; echo never' was killed after running for 1 s");
    }
}
