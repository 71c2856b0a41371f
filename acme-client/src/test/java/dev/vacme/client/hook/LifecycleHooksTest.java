package dev.vacme.client.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleHooksTest {

    @TempDir
    Path dir;

    private final List<String> verbose = new ArrayList<>();

    private LifecycleHooks hooks(Path workingDir) {
        return new LifecycleHooks(new HookRunner(Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(20), workingDir),
                verbose::add);
    }

    @Test
    void givesEachHookCertbotsVariables() {
        LifecycleHooks hooks = hooks(dir);

        assertThat(hooks.deploy("echo \"$RENEWED_LINEAGE|$RENEWED_DOMAINS\"; exit 1", Path.of("/etc/vacme/live/a.test"),
                List.of("a.test", "www.a.test")))
                .hasValue("deploy-hook 'echo \"$RENEWED_LINEAGE|$RENEWED_DOMAINS\"; exit 1' exited with status 1:\n"
                        + "    /etc/vacme/live/a.test|a.test www.a.test");
        assertThat(hooks.post("echo \"$RENEWED_DOMAINS|$FAILED_DOMAINS\"", List.of("a.test", "b.test"),
                List.of("c.test"))).isEmpty();
        assertThat(verbose).containsExactly("post-hook 'echo \"$RENEWED_DOMAINS|$FAILED_DOMAINS\"' succeeded:\n"
                + "a.test b.test|c.test");
    }

    @Test
    void aHookThatCannotStartIsAFailureNotAnException() {
        LifecycleHooks hooks = hooks(dir.resolve("missing"));

        Optional<String> failure = hooks.post("true", List.of(), List.of());

        assertThat(failure).get().asString().startsWith("post-hook 'true' could not be started: ");
    }

    @Test
    void aPreHookThatMustSucceedThrowsWithItsOutput() {
        assertThatThrownBy(() -> hooks(dir).preOrThrow("echo nginx: busy; exit 2"))
                .isInstanceOf(HookException.class)
                .hasMessage("pre-hook 'echo nginx: busy; exit 2' exited with status 2:\n    nginx: busy");
    }
}
