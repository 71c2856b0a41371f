package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.NginxProcess;
import dev.vacme.client.testing.ServedCertificates;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --nginx} against Vacme's own server and the real nginx of the Debian package, started by
 * each test on free ports with its own configuration: the server validates http-01 at nginx's
 * plain-HTTP listener (its {@code --http01-port}), which answers through the temporary locations
 * of the nginx authenticator; the installer then makes nginx serve the certificate on
 * {@code --https-port}, checked by the test's own TLS handshakes.
 */
class VacmeNginxIT extends AcmeServerTestBase {

    private final int httpsPort = FreePorts.tcp();
    private NginxProcess nginx;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }

    @AfterEach
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void installsRenewsSurvivesABrokenConfigAndRepairsOnTheNextRenew() throws IOException, InterruptedException {
        startNginx("server {\n    listen 127.0.0.1:" + server.httpPort() + ";\n"
                + "    server_name web.test www.web.test;\n    location / { return 200 \"site\\n\"; }\n}\n");
        Map<Path, String> original = snapshot();

        Result first = vacme(args("run", "--nginx", nginxOptions(), "-d", "web.test", "-d", "www.web.test",
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(first.exitCode()).as(first + server.logs() + nginx.logs()).isZero();
        assertThat(served("web.test")).isEqualTo(live("web.test", "cert.pem"));
        assertThat(served("www.web.test")).isEqualTo(live("web.test", "cert.pem"));
        assertThat(String.join("\n", snapshot().values())).doesNotContain("acme-challenge")
                .contains("ssl_certificate " + live("web.test").resolve("fullchain.pem"));
        assertThat(Files.readString(config.resolve("renewal/web.test.conf")))
                .contains("authenticator = nginx", "nginx_server_root = " + nginx.root(), "installer = nginx",
                        "https_port = " + httpsPort);
        assertThat(snapshot()).isNotEqualTo(original);

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");
        assertThat(renewed.exitCode()).as(renewed + nginx.logs()).isZero();
        String second = live("web.test", "cert.pem");
        assertThat(servedAfterReload("web.test", second)).isEqualTo(second);

        Result obtained = vacme("certonly", "--cert-name", "web.test", "-d", "web.test", "-d", "www.web.test",
                "--force-renewal");
        assertThat(obtained.exitCode()).as(obtained.toString()).isZero();
        String third = live("web.test", "cert.pem");
        assertThat(third).isNotEqualTo(second);
        assertThat(served("web.test")).isEqualTo(second);

        Files.writeString(nginx.root().resolve("conf.d/broken.conf"), "no_such_directive on;\n");
        Map<Path, String> broken = snapshot();
        Result refused = vacme("renew", "--no-random-sleep-on-renew");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("unknown directive \"no_such_directive\"",
                "no file had been changed, so nothing was restored or reloaded").doesNotContain("failed too");
        assertThat(nginx.isRunning()).isTrue();
        assertThat(served("web.test")).isEqualTo(second);
        assertThat(snapshot()).isEqualTo(broken);

        Files.delete(nginx.root().resolve("conf.d/broken.conf"));
        Result repaired = vacme("renew", "--no-random-sleep-on-renew");
        assertThat(repaired.exitCode()).as(repaired + nginx.logs()).isZero();
        assertThat(servedAfterReload("web.test", third)).isEqualTo(third);
    }

    @Test
    void certonlyAnswersThroughNginxAndInstallsNothingAsCertbotsDoes() throws IOException {
        startNginx("server {\n    listen 127.0.0.1:" + server.httpPort() + ";\n    server_name only.test;\n"
                + "    location / { return 200 \"site\\n\"; }\n}\n");
        Map<Path, String> original = snapshot();

        Result obtained = vacme("certonly", "--nginx", "--nginx-server-root", nginx.root().toString(), "--nginx-ctl",
                nginx.ctl(), "--http-01-port", Integer.toString(server.httpPort()), "-d", "only.test",
                "--register-unsafely-without-email", "--agree-tos");

        assertThat(obtained.exitCode()).as(obtained + server.logs() + nginx.logs()).isZero();
        assertThat(live("only.test").resolve("cert.pem")).isRegularFile();
        assertThat(snapshot()).isEqualTo(original);
        assertThat(served("only.test")).isEqualTo("nothing");
        String conf = Files.readString(config.resolve("renewal/only.test.conf"));
        assertThat(conf).contains("authenticator = nginx", "nginx_server_root = " + nginx.root(),
                "nginx_ctl = " + nginx.ctl(), "http_01_port = " + server.httpPort(), "\ninstaller = \n")
                .doesNotContain("[installer.");

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew", "--nginx-ctl", nginx.ctl());

        assertThat(renewed.exitCode()).as(renewed + nginx.logs()).isZero();
        assertThat(snapshot()).isEqualTo(original);
        assertThat(Files.readString(config.resolve("renewal/only.test.conf"))).contains("\ninstaller = \n")
                .doesNotContain("[installer.");
    }

    @Test
    void answersThroughATemporaryServerBlockAndInstallsIntoTheDefaultServer() throws IOException {
        startNginx("server {\n    listen 127.0.0.1:" + server.httpPort() + " default_server;\n"
                + "    server_name _;\n    return 404;\n}\n");

        Result result = vacme(args("run", "--nginx", nginxOptions(), "-d", "fresh.test",
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(result.exitCode()).as(result + server.logs() + nginx.logs()).isZero();
        assertThat(served("fresh.test")).isEqualTo(live("fresh.test", "cert.pem"));
        assertThat(String.join("\n", snapshot().values())).doesNotContain("acme-challenge", "added by vacme");
    }

    @Test
    void installsAnExistingLineageAndChangesNothingTheSecondTime() throws IOException {
        Result obtained = vacme(args("certonly", standalone(), "-d", "site.test", "--register-unsafely-without-email",
                "--agree-tos"));
        assertThat(obtained.exitCode()).as(obtained + server.logs()).isZero();
        startNginx("server {\n    listen 127.0.0.1:" + server.httpPort() + ";\n    server_name site.test;\n}\n");

        Result installed = vacme(args("install", "--cert-name", "site.test", "-i", "nginx", "--nginx-server-root",
                nginx.root().toString(), "--nginx-ctl", nginx.ctl(), "--https-port", Integer.toString(httpsPort)));

        assertThat(installed.exitCode()).as(installed + nginx.logs()).isZero();
        assertThat(served("site.test")).isEqualTo(live("site.test", "cert.pem"));
        Map<Path, String> after = snapshot();
        Result again = vacme("install", "--cert-name", "site.test");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(snapshot()).isEqualTo(after);
        assertThat(served("site.test")).isEqualTo(live("site.test", "cert.pem"));
        Result verified = vacme("verify", "--cert-name", "site.test");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("All 1 installed certificate(s) are served (1 endpoint(s) checked)");
    }

    @Test
    void aFailedValidationLeavesTheConfigurationAsItWas() throws IOException {
        int elsewhere = FreePorts.tcp();
        startNginx("server {\n    listen 127.0.0.1:" + elsewhere + ";\n    server_name nope.test;\n}\n", elsewhere);
        Map<Path, String> original = snapshot();

        Result result = vacme(args("run", "--nginx", nginxOptions(), "--http-01-port", elsewhere, "-d", "nope.test",
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("nope.test");
        assertThat(snapshot()).isEqualTo(original);
        assertThat(nginx.isRunning()).isTrue();
        assertThat(live("nope.test")).doesNotExist();
    }

    private void startNginx(String servers) throws IOException {
        startNginx(servers, server.httpPort());
    }

    private void startNginx(String servers, int port) throws IOException {
        assumeTrue(NginxProcess.installed(), "nginx is not installed");
        nginx = NginxProcess.configure(home.resolve("nginx"), servers).start(port);
    }

    private String[] nginxOptions() {
        return new String[] {"--nginx-server-root", nginx.root().toString(), "--nginx-ctl", nginx.ctl(),
            "--https-port", Integer.toString(httpsPort), "--http-01-port", Integer.toString(server.httpPort())};
    }

    private Endpoint endpoint(String name) {
        return new Endpoint("127.0.0.1", httpsPort, name);
    }

    private String served(String name) {
        return ServedCertificates.of(endpoint(name));
    }

    private String servedAfterReload(String name, String expected) throws InterruptedException {
        return ServedCertificates.afterReload(endpoint(name), expected);
    }

    private String live(String name, String file) throws IOException {
        X509Certificate certificate = Pem.readCertificate(Files.readString(live(name).resolve(file)));
        return ServedCertificateVerifier.fingerprint(certificate);
    }

    /** Returns every configuration file of the test's nginx with its content. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(nginx.root())) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".conf")).toList()) {
                files.put(nginx.root().relativize(file), Files.readString(file));
            }
        }
        return files;
    }
}
