package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (systemd's stop) stops the server cleanly with exit code 0, as its --help says. */
class ShutdownIT {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheServerWithExitCodeZero() {
        ServerProcess server = ServerProcess.start(dir, 80);

        int exitCode = server.terminate();

        assertThat(exitCode).as(server.output()).isZero();
        assertThat(server.output()).doesNotContain("Exception");
    }
}
