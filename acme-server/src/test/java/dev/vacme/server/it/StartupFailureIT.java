package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration stops start-up with one clear line and exit code 2. */
class StartupFailureIT {

    @TempDir
    Path dir;

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerProcess.Result result = ServerProcess.run("--data-dir", dir.toString(),
                    "--listen", "127.0.0.1:" + taken.getLocalPort());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.output().strip()).endsWith("vacme-server: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": the address is already in use");
            assertNoCaLeftBehind();
        }
    }

    @Test
    void aPkiPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerProcess.Result result = ServerProcess.run("--data-dir", dir.toString(), "--listen", "127.0.0.1:0",
                    "--pki-listen", "127.0.0.1:" + taken.getLocalPort());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.output().strip()).endsWith("vacme-server: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + " (--pki-listen): the address is already in use");
            assertNoCaLeftBehind();
        }
    }

    @Test
    void anUnknownKeyInTheConfigFile() throws Exception {
        Path config = dir.resolve("vacme.yaml");
        Files.writeString(config, "listen-on: 1\n");

        ServerProcess.Result result = ServerProcess.run("--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip()).startsWith("vacme-server: unknown key 'listen-on' in " + config);
    }

    @Test
    void anUnreachableDatabase() {
        int closedPort = ServerProcess.freePort();

        ServerProcess.Result result = ServerProcess.run("--data-dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--db", "postgresql://postgres@127.0.0.1:" + closedPort + "/test");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("vacme-server: ").contains("127.0.0.1:" + closedPort);
        assertThat(result.output().lines().filter(line -> line.startsWith("vacme-server:")).count()).isEqualTo(1);
    }

    @Test
    void certificatesThatWouldOutliveTheIntermediate() throws Exception {
        ServerProcess.Result result = ServerProcess.run("--data-dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--cert-validity", "2000d");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip()).startsWith("vacme-server: certificates valid for 2000 days would outlast "
                + "the intermediate CA certificate in " + dir.resolve("ca").toAbsolutePath());
        assertNoCaLeftBehind();
    }

    @Test
    void anAuditLogInADirectoryThatDoesNotExist() {
        Path auditLog = dir.resolve("no-such-dir").resolve("audit.log");

        ServerProcess.Result result = ServerProcess.run("--data-dir", dir.resolve("data").toString(),
                "--listen", "127.0.0.1:0", "--audit-log", auditLog.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip()).endsWith("vacme-server: cannot open the audit log " + auditLog
                + " (--audit-log): its directory does not exist");
        assertThat(dir.resolve("data")).as("nothing generated").doesNotExist();
    }

    @Test
    void aFailedStartKeepsACaThatExistedBefore() throws Exception {
        try (ServerProcess first = ServerProcess.start(dir, 80)) {
            assertThat(first.rootPath()).exists();
        }
        String root = Files.readString(dir.resolve("ca").resolve("root.pem"));

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerProcess.Result result = ServerProcess.run("--data-dir", dir.toString(),
                    "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(result.exitCode()).isEqualTo(2);
        }

        assertThat(Files.readString(dir.resolve("ca").resolve("root.pem"))).isEqualTo(root);
    }

    /** A first start that fails removes the CA it generated: nobody trusts it yet. */
    private void assertNoCaLeftBehind() throws java.io.IOException {
        Path ca = dir.resolve("ca");
        if (Files.isDirectory(ca)) {
            try (var files = Files.list(ca)) {
                assertThat(files.map(Path::getFileName).map(Path::toString).toList()).isEmpty();
            }
        }
    }

    @Test
    void aMalformedExternalUrl() {
        ServerProcess.Result result = ServerProcess.run("--external-url", "acme.example.com");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip())
                .isEqualTo("vacme-server: external-url: 'acme.example.com' is not an absolute http(s) URL");
    }
}
