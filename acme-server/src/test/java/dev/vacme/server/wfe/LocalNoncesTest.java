package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.common.testing.SettableClock;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-instance nonces (RFC 8555 §6.5): each redeemable once, only by the start that issued it. */
class LocalNoncesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final SettableClock clock = new SettableClock(T0);
    private final LocalNonces nonces = new LocalNonces(LIFETIME, clock, new SecureRandom(), 6);

    @Test
    void aNonceIsRedeemedOnceOnly() {
        String nonce = nonces.issue();

        assertThat(redeem(nonces, nonce)).isNull();
        assertThat(redeem(nonces, nonce).detail()).startsWith("the nonce has already been used");
    }

    @Test
    void noncesMayBeRedeemedInAnyOrder() {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            issued.add(nonces.issue());
        }

        for (int i = issued.size() - 1; i >= 0; i--) {
            assertThat(redeem(nonces, issued.get(i))).isNull();
        }
        assertThat(issued).doesNotHaveDuplicates();
    }

    @Test
    void aNonceExpiresAfterItsLifetime() {
        String nonce = nonces.issue();
        clock.set(T0.plus(LIFETIME));

        assertThat(redeem(nonces, nonce).detail()).startsWith("the nonce has expired");
    }

    @Test
    void aNonceIssuedMoreThanTheWindowAgoCountsAsExpired() {
        String old = nonces.issue();
        String recent = null;
        for (int i = 0; i < 64; i++) {
            recent = nonces.issue();
        }

        assertThat(redeem(nonces, old).detail()).startsWith("the nonce has expired");
        assertThat(redeem(nonces, recent)).isNull();
    }

    @Test
    void anotherStartRejectsTheNonce() {
        LocalNonces restarted = new LocalNonces(LIFETIME, clock, new SecureRandom(), 6);

        assertThat(redeem(restarted, nonces.issue()).detail())
                .startsWith("the nonce was not issued by this server since it last started");
    }

    @Test
    void aChangedNonceIsRejected() {
        byte[] bytes = Base64Url.decode(nonces.issue());
        bytes[3] ^= 1;

        assertThat(redeem(nonces, Base64Url.encode(bytes)).detail())
                .startsWith("the nonce was not issued by this server");
        assertThat(redeem(nonces, "not*base64").detail()).startsWith("the nonce is not base64url");
        assertThat(redeem(nonces, "AAAA").detail()).startsWith("the nonce was not issued by this server");
    }

    /** Returns null when the nonce was accepted, else the badNonce problem. */
    private static Problem redeem(LocalNonces service, String nonce) {
        Future<Void> result = service.redeem(nonce);
        assertThat(result.isComplete()).isTrue();
        if (result.succeeded()) {
            return null;
        }
        Problem problem = ((AcmeProblemException) result.cause()).problem();
        assertThat(problem.kind()).isEqualTo(ProblemType.BAD_NONCE);
        return problem;
    }

}
