package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StandaloneIssuanceCases} against Pebble, and what needs Pebble's terms of service. */
class PebbleStandaloneIT extends StandaloneIssuanceCases {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return PebbleServers.start(dir, Map.of());
    }

    @Test
    void onATerminalCertonlyAsksForTheEmailAndTheTermsOfService() {
        String[] interactive = List.of(withServer("certonly")).stream().filter(arg -> !arg.equals("-n"))
                .toArray(String[]::new);

        Result declined = cli().terminal(true).stdin("ann@a.test\nn\n").run(args(interactive, standalone(), "-d",
                "asked.test"));
        Result agreed = cli().terminal(true).stdin("ann@a.test\ny\n").run(args(interactive, standalone(), "-d",
                "asked.test"));

        assertThat(declined.exitCode()).isEqualTo(2);
        assertThat(declined.out()).contains("Email address for urgent notices about your account:",
                "Please read the terms of service at data:text/plain,Do%20what%20thou%20wilt");
        assertThat(declined.err()).contains("must be accepted: add --agree-tos");
        assertThat(agreed.exitCode()).as(agreed.toString()).isZero();
        assertThat(vacme("show-account").out()).contains("Email contact: ann@a.test");
    }
}
