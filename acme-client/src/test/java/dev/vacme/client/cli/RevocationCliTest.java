package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.client.testing.RevocationAuthority.CrlMode;
import dev.vacme.client.testing.RevocationAuthority.OcspMode;
import dev.vacme.client.testing.RevocationAuthority;
import dev.vacme.client.testing.TlsTestServer;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.testing.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation as the admin sees it: {@code vacme revoke} notes it in the lineage, {@code certificates}
 * shows {@code REVOKED}, {@code --check-revocation} learns it from the CA's OCSP responder or CRL
 * (a certificate revoked by the CA or another account), and {@code renew} replaces a revoked
 * certificate at once. In-process against {@link FakeAcme}, whose certificates come from a
 * {@link RevocationAuthority} on a local port.
 */
class RevocationCliTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path home;

    private final FakeAcme acme = new FakeAcme();
    private RevocationAuthority ca;
    private CliRunner cli;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        ca = new RevocationAuthority();
        acme.issuing((key, identifiers) -> ca.leaf(new KeyPair(key, null), identifiers.get(0).value()), ca.ca());
        config = home.resolve(".config/vacme");
        SettableClock clock = new SettableClock(NOW);
        cli = new CliRunner(home).clock(clock).transports(settings -> acme)
                .sleeper(RecordingSleeper.advancing(clock));
    }

    @AfterEach
    void tearDown() {
        ca.close();
    }

    private Result vacme(String... args) {
        List<String> all = new ArrayList<>(List.of("--server", FakeAcme.DIRECTORY.toString(), "-n"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private void obtain(String name) {
        Result issued = vacme("certonly", "--standalone", "-d", name, "--register-unsafely-without-email",
                "--agree-tos");
        assertThat(issued.exitCode()).as(issued.toString()).isZero();
    }

    private X509Certificate live(String name) throws IOException {
        return Pem.readCertificate(Files.readString(config.resolve("live/" + name + "/cert.pem")));
    }

    private String conf(String name) throws IOException {
        return Files.readString(config.resolve("renewal/" + name + ".conf"));
    }

    private JsonNode listed(Result result) {
        return AcmeJson.readTree(result.out().getBytes(StandardCharsets.UTF_8)).get("certificates").get(0);
    }

    @Test
    void revokeNotesItSoCertificatesShowsRevokedAndRenewReplacesItAtOnce() throws Exception {
        obtain("a.test");
        X509Certificate first = live("a.test");

        Result revoked = vacme("revoke", "--cert-name", "a.test", "--reason", "keycompromise");
        Result listed = vacme("certificates");

        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).contains("Noted in a.test: 'vacme certificates' shows it as REVOKED, and the next"
                + " 'vacme renew' replaces it");
        assertThat(conf("a.test")).contains("revoked_at = " + NOW + "\n", "revocation_reason = keyCompromise\n",
                "revocation_source = vacme revoke\n");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("    Expiry Date: " + first.getNotAfter().toInstant()
                + " (REVOKED: keyCompromise at " + NOW + ", per vacme revoke)\n",
                "    Renewal: " + NOW + " (due now: the certificate was revoked at " + NOW
                        + " (keyCompromise, per vacme revoke))\n")
                .doesNotContain("VALID");
        JsonNode json = listed(vacme("certificates", "--json"));
        assertThat(json.get("revoked").asBoolean()).isTrue();
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("revocation").get("reason").asText()).isEqualTo("keyCompromise");
        assertThat(json.get("revocation").get("reasonCode").asInt()).isEqualTo(1);
        assertThat(json.get("renewalBasis").asText()).isEqualTo("revoked");

        // The server's renewal window lies 50 days ahead and its Retry-After has not passed: only the
        // revocation makes it due.
        Result renewed = vacme("renew", "--no-random-sleep-on-renew");

        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(renewed.out()).contains("Renewing a.test (the certificate was revoked at " + NOW);
        assertThat(Files.readSymbolicLink(config.resolve("live/a.test"))).isEqualTo(Path.of("../archive/a.test/2"));
        assertThat(live("a.test").getPublicKey()).isNotEqualTo(first.getPublicKey());
        assertThat(conf("a.test")).doesNotContain("revoked_at");
        assertThat(vacme("certificates").out()).contains("(VALID: ");
        Result nothingDue = vacme("renew", "--no-random-sleep-on-renew");
        assertThat(nothingDue.out()).isEqualTo("No renewals were attempted: 1 certificate(s), none due.\n");
    }

    @Test
    void revokingByTheLiveFileOrACopyNotesItAndAnOlderVersionChangesNothing() throws Exception {
        obtain("a.test");
        obtain("b.test");
        Path older = config.resolve("archive/b.test/1/cert.pem");
        assertThat(vacme("renew", "--force-renewal", "--cert-name", "b.test").exitCode()).isZero();
        obtain("c.test");
        Path copy = home.resolve("c-cert.pem");
        Files.copy(config.resolve("live/c.test/cert.pem"), copy);

        Result byArchivePath = vacme("revoke", "--cert-path", config.resolve("archive/a.test/1/cert.pem").toString());
        Result byOlderVersion = vacme("revoke", "--cert-path", older.toString());
        Result byCopy = vacme("revoke", "--cert-path", copy.toString(), "--json");

        assertThat(byArchivePath.exitCode()).as(byArchivePath.toString()).isZero();
        assertThat(conf("a.test")).contains("revocation_reason = unspecified\n");
        assertThat(byOlderVersion.exitCode()).isZero();
        assertThat(conf("b.test")).doesNotContain("revoked_at");
        assertThat(byCopy.exitCode()).isZero();
        assertThat(AcmeJson.readTree(byCopy.out().getBytes(StandardCharsets.UTF_8)).get("recordedIn").asText())
                .isEqualTo("c.test");
        assertThat(conf("c.test")).contains("revoked_at = " + NOW);
        assertThat(acme.revocations()).hasSize(3);
    }

    @Test
    void deleteAfterRevokeLeavesNothingToNote() throws Exception {
        obtain("a.test");

        Result revoked = vacme("revoke", "--cert-name", "a.test", "--delete-after-revoke");

        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(config.resolve("renewal/a.test.conf")).doesNotExist();
        assertThat(revoked.out()).doesNotContain("Noted in");
    }

    @Test
    void aCertificateTheServerSaysWasAlreadyRevokedIsNotedWithAnUnknownReason() throws Exception {
        obtain("a.test");
        acme.alreadyRevoked();

        Result revoked = vacme("revoke", "--cert-name", "a.test", "--reason", "superseded");

        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(conf("a.test")).contains("revocation_reason = unknown\n");
        assertThat(vacme("certificates").out()).contains("(REVOKED: unknown at " + NOW + ", per vacme revoke)");
    }

    @Test
    void checkRevocationLearnsFromTheCaThatACertificateWasRevokedAndRenewReplacesIt() throws Exception {
        obtain("a.test");
        X509Certificate certificate = live("a.test");
        Instant revokedAt = NOW.minus(Duration.ofMinutes(10));
        ca.revoke(certificate, revokedAt, 1);

        Result checked = vacme("certificates", "--check-revocation");

        assertThat(checked.exitCode()).as(checked.toString()).isEqualTo(ExitCodes.REVOKED);
        String source = "OCSP " + ca.url("/ocsp");
        assertThat(checked.out()).contains("(REVOKED: keyCompromise at " + revokedAt + ", per " + source + ")");
        assertThat(checked.err()).isEqualTo("error: a.test: the certificate is revoked at " + revokedAt
                + " (keyCompromise, per " + source + "); 'vacme renew' replaces it\n");
        assertThat(conf("a.test")).contains("revoked_at = " + revokedAt + "\n", "revocation_source = " + source + "\n");
        // Already known: not asked again, still exit 3.
        Result again = vacme("certificates", "--check-revocation");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.REVOKED);
        assertThat(ca.ocspRequests()).isEqualTo(1);

        Result renewed = vacme("renew", "--no-random-sleep-on-renew");
        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(Files.readSymbolicLink(config.resolve("live/a.test"))).isEqualTo(Path.of("../archive/a.test/2"));
        Result fine = vacme("certificates", "--check-revocation");
        assertThat(fine.exitCode()).as(fine.toString()).isZero();
        assertThat(fine.out()).contains("    Revocation Check: not revoked (per " + source + ")\n");
    }

    @Test
    void anUnknownStatusIsAWarningAndExitFourNeverRevokedNorGood() throws Exception {
        obtain("a.test");
        ca.ocsp(OcspMode.WRONG_KEY).crl(CrlMode.STALE);

        Result checked = vacme("certificates", "--check-revocation", "--json");

        assertThat(checked.exitCode()).as(checked.toString()).isEqualTo(ExitCodes.REVOCATION_UNKNOWN);
        assertThat(checked.err()).startsWith("warning: a.test: revocation status unknown: the OCSP responder "
                + ca.url("/ocsp") + ": the answer's signature does not verify; the CRL " + ca.url("/crl")
                + " is stale");
        JsonNode entry = listed(checked);
        assertThat(entry.get("revocationStatus").asText()).isEqualTo("unknown");
        assertThat(entry.get("revoked").asBoolean()).isFalse();
        assertThat(conf("a.test")).doesNotContain("revoked_at");
    }

    @Test
    void renewWithCheckRevocationRenewsACertificateTheCaRevoked() throws Exception {
        obtain("a.test");
        obtain("b.test");
        ca.revoke(live("b.test"), NOW.minus(Duration.ofMinutes(5)), 4);

        Result plain = vacme("renew", "--no-random-sleep-on-renew");
        Result checking = vacme("renew", "--no-random-sleep-on-renew", "--check-revocation");

        assertThat(plain.out()).isEqualTo("No renewals were attempted: 2 certificate(s), none due.\n");
        assertThat(checking.exitCode()).as(checking.toString()).isZero();
        assertThat(checking.err()).contains("warning: b.test: the certificate is revoked at "
                + NOW.minus(Duration.ofMinutes(5)) + " (superseded, per OCSP " + ca.url("/ocsp") + "); renewing it now");
        assertThat(checking.out()).contains("Renewing b.test (the certificate was revoked at ");
        assertThat(Files.readSymbolicLink(config.resolve("live/b.test"))).isEqualTo(Path.of("../archive/b.test/2"));
        assertThat(Files.readSymbolicLink(config.resolve("live/a.test"))).isEqualTo(Path.of("../archive/a.test/1"));
    }

    @Test
    void verifyWithCheckRevocationCallsARevokedServedCertificateAProblemAndAnUnknownStatusAWarning() throws Exception {
        obtain("a.test");
        KeyPair key = Pem.readKeyPair(Files.readString(config.resolve("live/a.test/privkey.pem")));
        X509Certificate leaf = live("a.test");
        try (TlsTestServer served = TlsTestServer.start(() -> new TlsTestServer.Entry(key.getPrivate(),
                new X509Certificate[] {leaf, ca.ca()}))) {
            Result reconfigured = vacme("reconfigure", "--cert-name", "a.test", "--verify-served",
                    "127.0.0.1:" + served.port());
            assertThat(reconfigured.exitCode()).as(reconfigured.toString()).isZero();

            ca.ocsp(OcspMode.HTTP_ERROR).crl(CrlMode.STALE);
            Result unknown = vacme("verify", "--check-revocation");
            ca.ocsp(OcspMode.NORMAL);
            ca.revoke(leaf, NOW.minus(Duration.ofMinutes(1)), 1);
            Result plain = vacme("verify");
            Result revoked = vacme("verify", "--check-revocation");

            assertThat(unknown.exitCode()).as(unknown.toString()).isZero();
            assertThat(unknown.err()).startsWith("warning: a.test: revocation status unknown: the OCSP responder "
                    + ca.url("/ocsp") + " answered HTTP 500; the CRL " + ca.url("/crl") + " is stale");
            assertThat(plain.exitCode()).as("without the flag nothing is asked").isZero();
            assertThat(revoked.exitCode()).as(revoked.toString()).isEqualTo(1);
            assertThat(revoked.err()).contains("error: a.test: the live certificate is revoked at "
                    + NOW.minus(Duration.ofMinutes(1)) + " (keyCompromise, per OCSP " + ca.url("/ocsp")
                    + "); 'vacme renew' replaces it");
            assertThat(conf("a.test")).contains("revocation_reason = keyCompromise\n");
        }
    }
}
