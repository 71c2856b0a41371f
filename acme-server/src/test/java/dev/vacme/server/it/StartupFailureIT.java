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
    void aMissingPublicSuffixListOrABadRateLimitOverride() throws Exception {
        Path missing = dir.resolve("no-such-list.dat");
        Path config = dir.resolve("overrides.yaml");
        Files.writeString(config, "rate-limits:\n  overrides:\n    - account: https://a.example/acme/acct/1\n"
                + "      new-accounts-per-ip: 5/1h\n");

        ServerProcess.Result noList = ServerProcess.run("--data-dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--public-suffix-list", missing.toString());
        ServerProcess.Result badOverride = ServerProcess.run("--data-dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--config", config.toString());

        assertThat(noList.exitCode()).isEqualTo(2);
        assertThat(noList.output().strip()).isEqualTo("vacme-server: public-suffix-list: " + missing + " does not "
                + "exist; install Debian's publicsuffix package or point public-suffix-list at a copy of "
                + "https://publicsuffix.org/list/public_suffix_list.dat");
        assertThat(badOverride.exitCode()).isEqualTo(2);
        assertThat(badOverride.output().strip()).isEqualTo("vacme-server: rate-limits: overrides entry 1: "
                + "new-accounts-per-ip counts client addresses before any account exists, so it cannot be changed "
                + "per account");
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
