package dev.vacme.client.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.renew.RenewalDecision.Basis;
import dev.vacme.client.renew.RenewalDecision.Verdict;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.Revocation;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalPolicyTest {

    private static final URI ARI = URI.create("https://ca.test/renewal-info");
    private final RenewalPolicy policy = new RenewalPolicy();

    private static CertificateFacts facts(String notBefore, String notAfter, URI renewalInfo) {
        return new CertificateFacts(1, "01", Instant.parse(notBefore), Instant.parse(notAfter), "a.b", renewalInfo, null);
    }

    @ParameterizedTest(name = "[{index}] {0} .. {1} at {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        // 90 days: due when 30 days are left.
        "2025-01-01T00:00:00Z | 2025-04-01T00:00:00Z | 2025-03-01T23:59:59Z | NOT_DUE | 2025-03-02T00:00:00Z | when a third of its lifetime is left",
        "2025-01-01T00:00:00Z | 2025-04-01T00:00:00Z | 2025-03-02T00:00:00Z | DUE     | 2025-03-02T00:00:00Z | a third of its lifetime is left since 2025-03-02T00:00:00Z",
        // 6 days (shortlived): due when 3 days are left.
        "2025-01-01T00:00:00Z | 2025-01-07T00:00:00Z | 2025-01-03T23:00:00Z | NOT_DUE | 2025-01-04T00:00:00Z | when half of its lifetime is left",
        "2025-01-01T00:00:00Z | 2025-01-07T00:00:00Z | 2025-01-04T00:00:01Z | DUE     | 2025-01-04T00:00:00Z | half of its lifetime is left since 2025-01-04T00:00:00Z",
        // exactly 10 days is not short: a third.
        "2025-01-01T00:00:00Z | 2025-01-11T00:00:00Z | 2025-01-07T00:00:00Z | NOT_DUE | 2025-01-07T16:00:00Z | when a third of its lifetime is left",
        // expired
        "2025-01-01T00:00:00Z | 2025-04-01T00:00:00Z | 2025-04-01T00:00:00Z | DUE     | 2025-04-01T00:00:00Z | the certificate expired at 2025-04-01T00:00:00Z",
    })
    void withoutRenewalInformationUsesTheLifetime(String notBefore, String notAfter, String now, Verdict verdict,
            String renewAt, String reason) {
        RenewalDecision decision = policy.decide(facts(notBefore, notAfter, null), null, Instant.parse(now));

        assertThat(decision).isEqualTo(new RenewalDecision(verdict, Instant.parse(renewAt),
                verdict == Verdict.DUE && reason.startsWith("the certificate expired") ? Basis.EXPIRED : Basis.LIFETIME,
                reason));
    }

    @ParameterizedTest(name = "[{index}] at {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "2025-02-01T00:00:00Z | NOT_DUE   | at the point chosen at random in the server's renewal window 2025-02-10T00:00:00Z .. 2025-02-12T00:00:00Z",
        "2025-02-11T05:59:59Z | NOT_DUE   | at the point chosen at random in the server's renewal window 2025-02-10T00:00:00Z .. 2025-02-12T00:00:00Z",
        "2025-02-11T06:00:00Z | DUE       | the server's renewal window 2025-02-10T00:00:00Z .. 2025-02-12T00:00:00Z is open and the point chosen in it (2025-02-11T06:00:00Z) has passed",
        "2025-02-20T00:00:00Z | CHECK_ARI | its renewal information is to be checked again; the server's renewal window 2025-02-10T00:00:00Z .. 2025-02-12T00:00:00Z is open and the point chosen in it (2025-02-11T06:00:00Z) has passed",
    })
    void withRenewalInformationUsesTheChosenPointUntilTheNextCheck(String now, Verdict verdict, String reason) {
        AriWindow window = new AriWindow(Instant.parse("2025-02-10T00:00:00Z"), Instant.parse("2025-02-12T00:00:00Z"),
                Instant.parse("2025-02-11T06:00:00Z"), Instant.parse("2025-02-15T00:00:00Z"), null);

        RenewalDecision decision = policy.decide(facts("2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z", ARI), window,
                Instant.parse(now));

        assertThat(decision).isEqualTo(new RenewalDecision(verdict, Instant.parse("2025-02-11T06:00:00Z"), Basis.ARI,
                reason));
    }

    @Test
    void aRevokedCertificateIsDueAtOnceWithoutWaitingForTheWindowOrTheNextCheck() {
        AriWindow window = new AriWindow(Instant.parse("2025-02-10T00:00:00Z"), Instant.parse("2025-02-12T00:00:00Z"),
                Instant.parse("2025-02-11T06:00:00Z"), Instant.parse("2025-01-20T00:00:00Z"), null);
        Revocation revocation = new Revocation(Instant.parse("2025-01-05T08:00:00Z"), 1, "OCSP http://ocsp.ca.test");

        RenewalDecision decision = policy.decide(facts("2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z", ARI)
                .withRevocation(revocation), window, Instant.parse("2025-01-05T09:00:00Z"));

        assertThat(decision).isEqualTo(new RenewalDecision(Verdict.DUE, Instant.parse("2025-01-05T08:00:00Z"),
                Basis.REVOKED, "the certificate was revoked at 2025-01-05T08:00:00Z (keyCompromise, per OCSP"
                        + " http://ocsp.ca.test)"));
    }

    @Test
    void aServerWithRenewalInformationNeverFetchedIsCheckedFirst() {
        RenewalDecision decision = policy.decide(facts("2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z", ARI), null,
                Instant.parse("2025-01-02T00:00:00Z"));

        assertThat(decision.verdict()).isEqualTo(Verdict.CHECK_ARI);
        assertThat(decision.basis()).isEqualTo(Basis.LIFETIME);
        assertThat(decision.renewAt()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    }

    @Test
    void withoutAWindowAfterAnErrorFallsBackToTheLifetimeUntilTheNextCheck() {
        AriWindow failed = new AriWindow(null, null, null, Instant.parse("2025-03-05T06:00:00Z"), null);

        RenewalDecision decision = policy.decide(facts("2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z", ARI), failed,
                Instant.parse("2025-03-05T00:00:00Z"));

        assertThat(decision).isEqualTo(new RenewalDecision(Verdict.DUE, Instant.parse("2025-03-02T00:00:00Z"),
                Basis.LIFETIME, "a third of its lifetime is left since 2025-03-02T00:00:00Z"));
    }

    @Test
    void anExpiredCertificateIsDueWithoutCheckingRenewalInformation() {
        RenewalDecision decision = policy.decide(facts("2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z", ARI), null,
                Instant.parse("2025-05-01T00:00:00Z"));

        assertThat(decision.verdict()).isEqualTo(Verdict.DUE);
        assertThat(decision.basis()).isEqualTo(Basis.EXPIRED);
    }

    @Test
    void aLineageWithoutCertificateIsDue() {
        assertThat(policy.decide(null, null, Instant.parse("2025-05-01T00:00:00Z")).verdict()).isEqualTo(Verdict.DUE);
    }
}
