package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.testing.Chains;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The new user's story with the built-in http-01 responder: obtain, renew with nothing due, force
 * a renewal, list, revoke (then listed as REVOKED and renewed at once); and what happens when a renewal fails. Run against Pebble
 * ({@link PebbleStandaloneIT}) and against Vacme's own server ({@link VacmeStandaloneIT}).
 */
abstract class StandaloneIssuanceCases extends AcmeServerTestBase {

    private X509Certificate liveCertificate(String name) throws Exception {
        return Pem.readCertificate(Files.readString(live(name).resolve("cert.pem")));
    }

    @Test
    void certonlyRenewForceRenewalCertificatesAndRevokeAsANewUserWould() throws Exception {
        Result issued = vacme(args("certonly", standalone(), "-d", "a.test", "-d", "www.a.test", "-m",
                "admin@a.test", "--agree-tos"));

        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        assertThat(issued.out()).contains("Successfully received certificate.",
                "Certificate is saved at: " + live("a.test").resolve("fullchain.pem"));
        Chains.validate(live("a.test").resolve("fullchain.pem"), server.root());
        X509Certificate first = liveCertificate("a.test");
        assertThat(first.getSubjectAlternativeNames()).extracting(name -> String.valueOf(name.get(1)))
                .containsExactlyInAnyOrder("a.test", "www.a.test");
        assertThat(Files.readSymbolicLink(live("a.test"))).isEqualTo(Path.of("../archive/a.test/1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(live("a.test").resolve("privkey.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(config.resolve("renewal/a.test.conf")))
                .contains("server = " + server.directoryUrl(), "authenticator = standalone",
                        "http_01_port = " + server.httpPort());

        network.reset();
        Result nothingDue = vacme("renew");
        assertThat(nothingDue.exitCode()).as(nothingDue.toString()).isZero();
        assertThat(nothingDue.out()).isEqualTo("No renewals were attempted: 1 certificate(s), none due.\n");
        assertThat(network.requests()).as("requests of a renew run with nothing due").isEmpty();
        assertThat(sleeper.longerThan(Duration.ofSeconds(1))).isEmpty();

        Path out = home.resolve("out");
        Result forced = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew", "--deploy-hook",
                "env > " + out);
        assertThat(forced.exitCode()).as(forced + server.logs()).isZero();
        assertThat(Files.readSymbolicLink(live("a.test"))).isEqualTo(Path.of("../archive/a.test/2"));
        X509Certificate second = liveCertificate("a.test");
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(Files.readAllLines(out)).contains("RENEWED_LINEAGE=" + live("a.test"),
                "RENEWED_DOMAINS=a.test www.a.test");
        assertThat(Files.readString(config.resolve("renewal/a.test.conf"))).contains("deploy_hook = env > " + out);

        Result listed = vacme("certificates", "--json");
        JsonNode entry = AcmeJson.readTree(listed.out().getBytes(StandardCharsets.UTF_8)).get("certificates").get(0);
        assertThat(entry.get("serial").asText()).isEqualTo(second.getSerialNumber().toString(16));
        assertThat(entry.get("version").asInt()).isEqualTo(2);
        assertThat(entry.get("domains").toString()).isEqualTo("[\"a.test\",\"www.a.test\"]");
        assertThat(entry.get("daysLeft").asLong()).isGreaterThan(30);
        // Pebble 2.4 offers no renewal information, Vacme does (RFC 9773).
        assertThat(entry.get("renewalBasis").asText()).isIn("lifetime", "ari");
        assertThat(entry.get("due").asBoolean()).isFalse();

        Result revoked = vacme("revoke", "--cert-name", "a.test", "--reason", "superseded");
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(server.isRevoked(second)).isTrue();
        server.revocationReason(second).ifPresent(reason -> assertThat(reason).isEqualTo(4));
        assertThat(live("a.test")).exists();

        // The revocation is noted in the lineage: listed as REVOKED and renewed by the next run.
        Result listedRevoked = vacme("certificates");
        assertThat(listedRevoked.exitCode()).as(listedRevoked.toString()).isZero();
        assertThat(listedRevoked.out()).contains("(REVOKED: superseded at ", ", per vacme revoke)")
                .doesNotContain("VALID");
        Result renewedRevoked = vacme("renew", "--no-random-sleep-on-renew");
        assertThat(renewedRevoked.exitCode()).as(renewedRevoked + server.logs()).isZero();
        assertThat(renewedRevoked.out()).contains("Renewing a.test (the certificate was revoked at ");
        assertThat(Files.readSymbolicLink(live("a.test"))).isEqualTo(Path.of("../archive/a.test/3"));
        assertThat(vacme("certificates").out()).contains("(VALID: ");
    }

    @Test
    void aFailedRenewalKeepsThePreviousVersionLiveAndRunsThePostHook() throws Exception {
        Path post = home.resolve("post");
        assertThat(vacme(args("certonly", standalone(), "-d", "b.test", "--register-unsafely-without-email",
                "--agree-tos", "--post-hook", "echo \"$RENEWED_DOMAINS|$FAILED_DOMAINS\" >> " + post)).exitCode())
                .isZero();
        byte[] before = Files.readAllBytes(live("b.test").resolve("fullchain.pem"));
        // A name that still needs validation, so that the renewal needs the (blocked) responder even
        // on a server that reuses the valid authorization of b.test.
        Path conf = config.resolve("renewal/b.test.conf");
        Files.writeString(conf, Files.readString(conf).replace("domains = b.test", "domains = b.test, new.b.test"));

        Result failed;
        try (ServerSocket taken = new ServerSocket(server.httpPort(), 1, InetAddress.getLoopbackAddress())) {
            failed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");
        }

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("renewal of b.test failed: cannot listen on 127.0.0.1:" + server.httpPort());
        assertThat(Files.readSymbolicLink(live("b.test"))).isEqualTo(Path.of("../archive/b.test/1"));
        assertThat(Files.readAllBytes(live("b.test").resolve("fullchain.pem"))).isEqualTo(before);
        try (var versions = Files.list(config.resolve("archive/b.test"))) {
            assertThat(versions.map(p -> p.getFileName().toString())).containsExactly("1");
        }
        assertThat(Files.readAllLines(post)).containsExactly("b.test|", "|b.test new.b.test");
    }

    @Test
    void certonlyAgainKeepsACertificateThatIsNotDueAndDryRunStoresNothing() throws Exception {
        assertThat(vacme(args("certonly", standalone(), "-d", "c.test", "--register-unsafely-without-email",
                "--agree-tos")).exitCode()).isZero();

        Result again = vacme(args("certonly", standalone(), "-d", "c.test"));
        Result dry = vacme(args("certonly", standalone(), "-d", "dry.test", "--dry-run"));
        Result dryRenew = vacme("renew", "--dry-run", "--no-random-sleep-on-renew");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("Certificate c.test is not yet due for renewal");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("The dry run was successful");
        assertThat(dryRenew.exitCode()).as(dryRenew.toString()).isZero();
        assertThat(dryRenew.out()).contains("Simulating renewal of c.test");
        assertThat(config.resolve("renewal/dry.test.conf")).doesNotExist();
        assertThat(config.resolve("live/dry.test")).doesNotExist();
        assertThat(Files.readSymbolicLink(live("c.test"))).isEqualTo(Path.of("../archive/c.test/1"));
    }

    @Test
    void rsaKeysAreReusedWhenAskedAndAnAdminsKeyModeAndGroupSurviveRenewal() throws Exception {
        assertThat(vacme(args("certonly", standalone(), "-d", "d.test", "--register-unsafely-without-email",
                "--agree-tos", "--key-type", "rsa", "--rsa-key-size", "2048", "--reuse-key")).exitCode()).isZero();
        Path key = live("d.test").resolve("privkey.pem");
        String firstKey = Files.readString(key);
        Files.setAttribute(key.toRealPath(), "posix:group", key.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByGroupName("daemon"));
        Files.setPosixFilePermissions(key.toRealPath(), PosixFilePermissions.fromString("rw-r-----"));

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(Files.readSymbolicLink(live("d.test"))).isEqualTo(Path.of("../archive/d.test/2"));
        assertThat(Files.readString(key)).isEqualTo(firstKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-r-----");
        assertThat(Files.getAttribute(key, "posix:group").toString()).isEqualTo("daemon");
        assertThat(liveCertificate("d.test").getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void certonlyWithACsrWritesNumberedFilesAndNoLineage() throws Exception {
        var key = KeyType.EC_P256.generate();
        byte[] der = new CsrBuilder().dns(List.of("csr.test", "www.csr.test")).build(key);
        Path csr = home.resolve("req.pem");
        Files.writeString(csr, Pem.encodeCsr(der));

        Result result = vacme(args("certonly", standalone(), "--csr", "req.pem", "--register-unsafely-without-email",
                "--agree-tos"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        X509Certificate certificate = Pem.readCertificate(Files.readString(home.resolve("0000_cert.pem")));
        assertThat(certificate.getPublicKey()).isEqualTo(key.getPublic());
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        assertThat(names).extracting(name -> String.valueOf(name.get(1))).containsExactlyInAnyOrder("csr.test", "www.csr.test");
        assertThat(Pem.readCertificates(Files.readString(home.resolve("0000_fullchain.pem")))).hasSize(2);
        assertThat(home.resolve("0000_chain.pem")).exists();
        assertThat(config.resolve("renewal")).doesNotExist();
    }

    @Test
    void accountsAreRegisteredShownUpdatedAndDeactivated() {
        Result registered = vacme("register", "-m", "first@a.test", "--agree-tos", "--json");
        Result again = vacme("register", "-m", "first@a.test", "--agree-tos");
        Result updated = vacme("update-account", "-m", "second@a.test");
        Result shown = vacme("show-account", "--json");
        Result deactivated = vacme("unregister");
        Result gone = vacme("show-account");

        assertThat(registered.exitCode()).as(registered.toString()).isZero();
        JsonNode account = AcmeJson.readTree(registered.out().getBytes(StandardCharsets.UTF_8));
        assertThat(account.get("contact").toString()).isEqualTo("[\"mailto:first@a.test\"]");
        assertThat(again.out()).startsWith("There is already an account at " + server.directoryUrl());
        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        JsonNode remote = AcmeJson.readTree(shown.out().getBytes(StandardCharsets.UTF_8));
        assertThat(remote.get("status").asText()).isEqualTo("valid");
        assertThat(remote.get("contact").toString()).isEqualTo("[\"mailto:second@a.test\"]");
        assertThat(remote.get("url").asText()).isEqualTo(account.get("url").asText());
        assertThat(deactivated.exitCode()).as(deactivated.toString()).isZero();
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err()).contains("there is no account at " + server.directoryUrl());
    }

    @Test
    void revokeWithTheCertificatesOwnKeyAndDeleteAfterwards() throws Exception {
        assertThat(vacme(args("certonly", standalone(), "-d", "e.test", "--register-unsafely-without-email",
                "--agree-tos")).exitCode()).isZero();
        X509Certificate certificate = liveCertificate("e.test");
        Path copy = home.resolve("e-cert.pem");
        Path keyCopy = home.resolve("e-key.pem");
        Files.copy(live("e.test").resolve("cert.pem"), copy);
        Files.copy(live("e.test").resolve("privkey.pem"), keyCopy);

        Result deleted = vacme("delete", "--cert-name", "e.test");
        Result revoked = cli().run("--ca-bundle",
                server.caBundle().toString(), "--server", server.directoryUrl().toString(), "--config-dir",
                home.resolve("empty").toString(), "revoke", "--cert-path", copy.toString(), "--key-path",
                keyCopy.toString(), "--reason", "keyCompromise");

        assertThat(deleted.exitCode()).isZero();
        assertThat(live("e.test")).doesNotExist();
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(server.isRevoked(certificate)).isTrue();
        server.revocationReason(certificate).ifPresent(reason -> assertThat(reason).isEqualTo(1));
    }
}
