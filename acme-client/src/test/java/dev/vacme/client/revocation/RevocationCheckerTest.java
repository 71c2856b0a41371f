package dev.vacme.client.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.revocation.RevocationStatus.State;
import dev.vacme.client.store.Revocation;
import dev.vacme.client.testing.RevocationAuthority;
import dev.vacme.client.testing.RevocationAuthority.CrlMode;
import dev.vacme.client.testing.RevocationAuthority.OcspMode;
import dev.vacme.client.testing.TestPki;
import dev.vacme.common.pki.KeyType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The revocation check against a real OCSP responder and CRL (a test CA on a local HTTP server):
 * only a signed, fresh answer for this certificate is believed, and everything else is an unknown
 * status saying why, never good and never revoked.
 */
class RevocationCheckerTest {

    private static final Instant REVOKED_AT = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    private RevocationAuthority ca;
    private RevocationChecker checker;

    @BeforeEach
    void setUp() throws IOException {
        ca = new RevocationAuthority();
        checker = new RevocationChecker(Clock.systemUTC(), new SecureRandom(), "vacme-test", Duration.ofSeconds(10));
    }

    @AfterEach
    void tearDown() {
        ca.close();
    }

    private X509Certificate ocspOnly() {
        return ca.leaf(KeyType.EC_P256.generate(), "a.test", ca.url("/ocsp"), null);
    }

    private X509Certificate crlOnly() {
        return ca.leaf(KeyType.EC_P256.generate(), "a.test", null, ca.url("/crl"));
    }

    @ParameterizedTest(name = "[{index}] OCSP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "NORMAL                | GOOD    | ",
        "DELEGATED             | GOOD    | ",
        "NO_NONCE              | GOOD    | ",
        "UNKNOWN_STATUS        | UNKNOWN | /ocsp does not know the certificate",
        "WRONG_KEY             | UNKNOWN | /ocsp: the answer's signature does not verify",
        "DELEGATED_WITHOUT_EKU | UNKNOWN | /ocsp: the responder certificate CN=Vacme Test OCSP Responder is not authorized for OCSP signing (no id-kp-OCSPSigning)",
        "STALE                 | UNKNOWN | /ocsp: the answer is stale (its nextUpdate ",
        "WRONG_NONCE           | UNKNOWN | /ocsp answered with another nonce than the request's (a replayed answer?)",
        "TRY_LATER             | UNKNOWN | /ocsp answered 'tryLater'",
        "HTTP_ERROR            | UNKNOWN | /ocsp answered HTTP 500",
    })
    void anOcspAnswerCountsOnlyWhenSignedByTheIssuerOrItsDelegateFreshAndWithTheNonce(OcspMode mode, State expected,
            String detail) {
        ca.ocsp(mode);
        X509Certificate leaf = ocspOnly();

        RevocationStatus status = checker.check(leaf, ca.ca());

        assertThat(status.state()).as(status.describe()).isEqualTo(expected);
        assertThat(ca.ocspRequests()).isEqualTo(1);
        if (expected == State.GOOD) {
            assertThat(status.source()).isEqualTo("OCSP " + ca.url("/ocsp"));
            assertThat(status.describe()).isEqualTo("not revoked (per OCSP " + ca.url("/ocsp") + ")");
        } else {
            assertThat(status.detail()).startsWith((detail.startsWith("/") ? "the OCSP responder " + ca.url("")
                    : "") + detail);
            assertThat(status.describe()).startsWith("revocation status unknown: ");
        }
    }

    @Test
    void aRevokedCertificateComesWithTheTimeAndReasonTheResponderSigned() {
        X509Certificate leaf = ocspOnly();
        ca.revoke(leaf, REVOKED_AT, 1);

        RevocationStatus status = checker.check(leaf, ca.ca());

        assertThat(status.state()).isEqualTo(State.REVOKED);
        assertThat(status.revocation()).isEqualTo(new Revocation(REVOKED_AT, 1, "OCSP " + ca.url("/ocsp")));
        assertThat(status.describe()).isEqualTo("REVOKED: revoked at " + REVOKED_AT + " (keyCompromise, per OCSP "
                + ca.url("/ocsp") + ")");
    }

    @Test
    void aDelegatedResponderSaysRevokedToo() {
        ca.ocsp(OcspMode.DELEGATED);
        X509Certificate leaf = ocspOnly();
        ca.revoke(leaf, REVOKED_AT, 4);

        assertThat(checker.check(leaf, ca.ca()).revocation()).isEqualTo(new Revocation(REVOKED_AT, 4,
                "OCSP " + ca.url("/ocsp")));
    }

    @ParameterizedTest(name = "[{index}] CRL {0}")
    @CsvSource({"NORMAL", "PEM"})
    void withoutAnOcspUrlTheCrlIsAsked(CrlMode mode) {
        ca.crl(mode);
        X509Certificate good = crlOnly();
        X509Certificate revoked = crlOnly();
        ca.revoke(revoked, REVOKED_AT, 5);

        RevocationStatus goodStatus = checker.check(good, ca.ca());
        RevocationStatus revokedStatus = checker.check(revoked, ca.ca());

        assertThat(goodStatus.state()).as(goodStatus.describe()).isEqualTo(State.GOOD);
        assertThat(goodStatus.source()).isEqualTo("CRL " + ca.url("/crl"));
        assertThat(revokedStatus.revocation()).isEqualTo(new Revocation(REVOKED_AT, 5, "CRL " + ca.url("/crl")));
        assertThat(ca.ocspRequests()).isZero();
        assertThat(ca.crlRequests()).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{index}] CRL {0}")
    @CsvSource(delimiter = '|', value = {
        "WRONG_KEY | : its signature does not verify with the issuer's key",
        "STALE     | is stale (its nextUpdate ",
    })
    void aCrlCountsOnlyWhenSignedByTheIssuerAndFresh(CrlMode mode, String detail) {
        ca.crl(mode);
        X509Certificate leaf = crlOnly();
        ca.revoke(leaf, REVOKED_AT, 1);

        RevocationStatus status = checker.check(leaf, ca.ca());

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).startsWith("the CRL " + ca.url("/crl")).contains(detail);
    }

    @Test
    void whenTheResponderGivesNoVerifiedAnswerTheCrlDecides() {
        ca.ocsp(OcspMode.WRONG_KEY);
        X509Certificate leaf = ca.leaf(KeyType.EC_P256.generate(), "a.test");
        ca.revoke(leaf, REVOKED_AT, 3);

        RevocationStatus status = checker.check(leaf, ca.ca());

        assertThat(status.revocation()).isEqualTo(new Revocation(REVOKED_AT, 3, "CRL " + ca.url("/crl")));
        assertThat(ca.ocspRequests()).isEqualTo(1);
    }

    @Test
    void whenNeitherAnswersTheStatusIsUnknownWithBothReasons() {
        ca.ocsp(OcspMode.STALE).crl(CrlMode.WRONG_KEY);
        X509Certificate leaf = ca.leaf(KeyType.EC_P256.generate(), "a.test");

        RevocationStatus status = checker.check(leaf, ca.ca());

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).contains("the OCSP responder " + ca.url("/ocsp") + ": the answer is stale",
                "; the CRL " + ca.url("/crl") + ": its signature does not verify");
    }

    @Test
    void aNetworkFailureIsAnUnknownStatus() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/ocsp");
        }
        X509Certificate leaf = ca.leaf(KeyType.EC_P256.generate(), "a.test", closed, null);

        RevocationStatus status = checker.check(leaf, ca.ca());

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).isEqualTo("cannot reach the OCSP responder " + closed + ": connection refused");
    }

    @Test
    void aResponderThatNeverAnswersCostsAtMostTheBudget() {
        ca.ocsp(OcspMode.SILENT);
        RevocationChecker impatient = new RevocationChecker(Clock.systemUTC(), new SecureRandom(), "vacme-test",
                Duration.ofMillis(500));
        X509Certificate leaf = ocspOnly();

        long start = System.nanoTime();
        RevocationStatus status = impatient.check(leaf, ca.ca());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).matches(java.util.regex.Pattern.quote("the OCSP responder " + ca.url("/ocsp"))
                + " did not answer within \\d+ ms");
    }

    @Test
    void aCertificateNamingNoResponderAndNoCrlHasAnUnknownStatus() {
        X509Certificate leaf = ca.leaf(KeyType.EC_P256.generate(), "a.test", null, null);

        assertThat(checker.check(leaf, ca.ca()).describe())
                .isEqualTo("revocation status unknown: the certificate names no OCSP responder and no CRL");
    }

    @Test
    void anIssuerThatDidNotSignTheCertificateVerifiesNothing() {
        X509Certificate leaf = ocspOnly();

        RevocationStatus status = checker.check(leaf, new TestPki().ca());

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).startsWith("the chain's first certificate (CN=Vacme Test CA) did not issue the"
                + " certificate");
        assertThat(ca.ocspRequests()).isZero();
    }
}
