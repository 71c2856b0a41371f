package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.acme.AcmeResponse;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pebble rejecting 40% of good nonces: every request is retried with the badNonce answer's nonce. */
class PebbleBadNonceIT extends AcmeServerTestBase {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return PebbleServers.start(dir, Map.of("PEBBLE_WFE_NONCEREJECT", "40"));
    }

    @Test
    void issuanceSucceedsDespiteRejectedNonces() {
        Result first = vacme(args("certonly", standalone(), "-d", "n1.test", "--register-unsafely-without-email",
                "--agree-tos"));
        Result second = vacme(args("certonly", standalone(), "-d", "n2.test", "-d", "www.n2.test"));

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        long rejected = network.responses().stream().filter(PebbleBadNonceIT::isBadNonce).count();
        assertThat(rejected).as("badNonce answers that were retried").isPositive();
    }

    private static boolean isBadNonce(AcmeResponse response) {
        return response.status() == 400 && response.text().contains("urn:ietf:params:acme:error:badNonce");
    }
}
