package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.TlsTestServer;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The keystore installers ({@code -i pkcs12}, {@code -i jks}) against Vacme's own server: the entry is
 * read back with the JDK's real {@code keytool}, and a TLS server of the test's own that serves the
 * keystore's entry at each handshake stands in for the Java application, so {@code --verify-served}
 * checks what the keystore would serve.
 */
class VacmeKeystoreIT extends AcmeServerTestBase {

    private static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }

    @Test
    void pkcs12EntryIsWrittenServedAndReplacedOnRenewal() throws Exception {
        Path keystore = home.resolve("app/tls.p12");
        Path password = passwordFile();
        try (TlsTestServer app = TlsTestServer.start(TlsTestServer.fromKeystore(keystore, "PKCS12",
                PASSWORD.toCharArray(), "web"))) {
            Result first = vacme(args("run", standalone(), "-d", "ks.test", "-d", "www.ks.test",
                    "--register-unsafely-without-email", "--agree-tos", "-i", "pkcs12", "--keystore", keystore,
                    "--keystore-password-file", password, "--keystore-alias", "web",
                    "--verify-served", "127.0.0.1:" + app.port()));

            assertThat(first.exitCode()).as(first + server.logs()).isZero();
            assertThat(first.out()).contains("Installed certificate ks.test (version 1) with pkcs12.",
                    "127.0.0.1:" + app.port() + " (SNI ks.test) serves it");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
            assertEntry(keytool(keystore, "PKCS12"), "web", liveCertificate("ks.test"));
            byte[] firstKeystore = Files.readAllBytes(keystore);

            Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

            assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
            assertThat(renewed.out()).contains("Congratulations, all renewals succeeded");
            X509Certificate second = liveCertificate("ks.test");
            assertEntry(keytool(keystore, "PKCS12"), "web", second);
            Result verified = vacme("verify");
            assertThat(verified.exitCode()).as(verified.toString()).isZero();
            assertThat(verified.out()).contains("All 1 installed certificate(s) are served (2 endpoint(s) checked).");

            byte[] renewedKeystore = Files.readAllBytes(keystore);
            Result dry = vacme("renew", "--dry-run", "--no-random-sleep-on-renew");
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("Dry run: installing ks.test would:\n  update PKCS12 keystore " + keystore
                    + " (mode 0600): private-key entry 'web'");
            assertThat(Files.readAllBytes(keystore)).isEqualTo(renewedKeystore);

            Files.write(keystore, firstKeystore);
            Result stale = vacme("verify");
            Result repaired = vacme("verify", "--repair");

            assertThat(stale.exitCode()).isEqualTo(1);
            assertThat(stale.err()).contains("ks.test: 127.0.0.1:" + app.port() + " (SNI www.ks.test) serves ",
                    " but live/ks.test/cert.pem is " + ServedCertificateVerifier.shortForm(
                            ServedCertificateVerifier.fingerprint(second)));
            assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
            assertThat(repaired.out()).contains("repaired ks.test");
            assertEntry(keytool(keystore, "PKCS12"), "web", second);
            assertThat(vacme("verify").exitCode()).isZero();
        }
        assertThat(Files.readString(config.resolve("renewal/ks.test.conf"))).contains("installer = pkcs12",
                "[installer.pkcs12]\nkeystore = " + keystore + "\npassword_file = " + password + "\nalias = web\n",
                "verify_served = 127.0.0.1:");
    }

    @Test
    void aFailedReloadRestoresTheKeystoreAndTheNextRenewInstallsItAgain() throws Exception {
        Path keystore = home.resolve("app/tls.jks");
        Path flag = home.resolve("app-may-reload");
        assertThat(vacme(args("run", standalone(), "-d", "jks.test", "--register-unsafely-without-email",
                "--agree-tos", "-i", "jks", "--keystore", keystore, "--keystore-password-file", passwordFile(),
                "--reload-command", "test -f " + flag + " || { echo 'application is down' >&2; exit 3; }"))
                .exitCode()).as("first install, whose reload fails").isEqualTo(1);
        assertThat(keystore).as("a keystore that did not exist before is removed again").doesNotExist();
        Files.createFile(flag);
        assertThat(vacme("install", "--cert-name", "jks.test").exitCode()).isZero();
        byte[] installed = Files.readAllBytes(keystore);
        X509Certificate first = liveCertificate("jks.test");
        Files.delete(flag);

        Result failed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("jks.test: deployment failed: the reload failed:", "exited with status 3",
                "application is down", "restored 1 file(s): " + keystore);
        assertThat(failed.out()).doesNotContain("Congratulations").contains("These deployments or hooks failed");
        assertThat(Files.readAllBytes(keystore)).as("the previous keystore is back").isEqualTo(installed);
        assertEntry(keytool(keystore, "JKS"), "jks.test", first);
        assertThat(liveCertificate("jks.test")).as("the new version stays current").isNotEqualTo(first);
        assertThat(Files.readString(config.resolve("renewal/jks.test.conf"))).contains("[deployment]",
                "pending_version = 2");
        Result pending = vacme("verify", "--cert-name", "jks.test");
        assertThat(pending.exitCode()).isEqualTo(1);
        assertThat(pending.err()).contains("jks.test: the installation of version 2 is pending");

        Files.createFile(flag);
        network.reset();
        Result repaired = vacme("renew");

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.out()).contains("Installing jks.test again", "version 2 installed");
        assertThat(network.requests()).as("a retried deployment needs no ACME server").isEmpty();
        assertEntry(keytool(keystore, "JKS"), "jks.test", liveCertificate("jks.test"));
        assertThat(Files.readString(config.resolve("renewal/jks.test.conf"))).doesNotContain("[deployment]");
    }

    @Test
    void certonlyNeverInstallsButLeavesTheNewVersionOwedToTheNextRenew() throws Exception {
        Path keystore = home.resolve("app/owed.p12");
        assertThat(vacme(args("run", standalone(), "-d", "owed.test", "--register-unsafely-without-email",
                "--agree-tos", "-i", "pkcs12", "--keystore", keystore, "--keystore-password-file", passwordFile()))
                .exitCode()).isZero();
        X509Certificate first = liveCertificate("owed.test");

        Result certonly = vacme(args("certonly", standalone(), "-d", "owed.test", "--force-renewal"));

        assertThat(certonly.exitCode()).as(certonly.toString()).isZero();
        assertThat(certonly.out()).contains("certonly does not install: 'vacme renew' (or 'vacme install --cert-name"
                + " owed.test') installs the new certificate");
        assertEntry(keytool(keystore, "PKCS12"), "owed.test", first);
        assertThat(Files.readString(config.resolve("renewal/owed.test.conf"))).contains("installer = pkcs12",
                "pending_version = 2");

        Result renew = vacme("renew");

        assertThat(renew.exitCode()).as(renew.toString()).isZero();
        assertEntry(keytool(keystore, "PKCS12"), "owed.test", liveCertificate("owed.test"));
    }

    @Test
    void anUnknownInstallerIsAUsageErrorListingTheKnownOnes() {
        Result unknown = vacme(args("run", standalone(), "-d", "x.test", "-i", "tomcat"));

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown installer 'tomcat'; known installers: ").contains("jks", "pkcs12");
    }

    private Path passwordFile() throws IOException {
        Files.createDirectories(home.resolve("app"));
        Path file = home.resolve("keystore.pass");
        Files.writeString(file, PASSWORD + "\n");
        return file;
    }

    private X509Certificate liveCertificate(String name) throws IOException {
        return Pem.readCertificate(Files.readString(live(name).resolve("cert.pem")));
    }

    private String keytool(Path keystore, String type) throws Exception {
        Path password = passwordFile();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-list", "-v", "-keystore", keystore.toString(), "-storetype", type,
                "-storepass:file", password.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** keytool lists the entry as a private key with the whole chain, the leaf being the live certificate. */
    private static void assertEntry(String listing, String alias, X509Certificate leaf) {
        String fingerprint = ServedCertificateVerifier.fingerprint(leaf).toUpperCase(Locale.ROOT)
                .replaceAll("(..)(?!$)", "$1:");
        assertThat(listing).contains("Your keystore contains 1 entry", "Alias name: " + alias,
                "Entry type: PrivateKeyEntry", "Certificate chain length: 2", "SHA256: " + fingerprint);
        assertThat(List.of(listing.split("Certificate\\[2]")[0])).singleElement().asString()
                .contains("SHA256: " + fingerprint);
    }
}
