package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration at a CA that requires an external account binding (RFC 8555 §7.3.4). */
class PebbleExternalAccountIT extends AcmeServerTestBase {

    private static final String KID = "kid-1";
    private static final String MAC_KEY = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return PebbleServers.start(dir, Map.of(), Map.of("externalAccountBindingRequired", true,
                "externalAccountMACKeys", Map.of(KID, MAC_KEY)));
    }

    @Test
    void registersWithTheBindingTheCaHandedOut() {
        Result result = vacme("register", "-m", "ops@eab.test", "--agree-tos", "--eab-kid", KID, "--eab-hmac-key",
                MAC_KEY);

        assertThat(result.exitCode()).as(result + server.logs()).isZero();
        assertThat(result.out()).startsWith("Account registered at " + server.directoryUrl());
        assertThat(vacme(args("certonly", standalone(), "-d", "eab.test")).exitCode()).isZero();
    }

    @Test
    void saysWhatIsMissingWithoutABindingOrWithAWrongKey() {
        Result missing = vacme("register", "-m", "ops@eab.test", "--agree-tos");
        Result wrong = vacme("register", "-m", "ops@eab.test", "--agree-tos", "--eab-kid", KID, "--eab-hmac-key",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("the server requires an external account binding: add --eab-kid KID"
                + " --eab-hmac-key KEY");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("error: unauthorized: ");
        assertThat(config.resolve("accounts")).doesNotExist();
    }
}
