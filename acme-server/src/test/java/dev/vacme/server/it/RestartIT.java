package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State survives a restart: an account registered before it issues after it, under the same CA. */
class RestartIT {

    @TempDir
    Path dir;

    @Test
    void anAccountRegisteredBeforeARestartIssuesAfterIt() throws Exception {
        int port = ServerProcess.freePort();
        int http01Port = ServerProcess.freePort();
        Path data = dir.resolve("data");
        String rootBefore;
        try (ServerProcess server = ServerProcess.startOnPort(port, data, http01Port)) {
            Commands.Outcome registered = new CertbotIT.Certbot(dir, server, http01Port).run("register");
            assertThat(registered.exitCode()).as(registered.output()).isZero();
            rootBefore = Files.readString(server.rootPath());
        }

        try (ServerProcess server = ServerProcess.startOnPort(port, data, http01Port)) {
            Commands.Outcome issued = new CertbotIT.Certbot(dir, server, http01Port)
                    .run("certonly", "--standalone", "-d", "restart.test");

            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            assertThat(Files.readString(server.rootPath())).isEqualTo(rootBefore);
            assertThat(issued.output()).doesNotContain("Account registered");
            try (Stream<Path> accounts = Files.list(dir.resolve("config/accounts")
                    .resolve("localhost:" + port).resolve("directory"))) {
                assertThat(accounts.count()).isEqualTo(1);
            }
        }
    }
}
