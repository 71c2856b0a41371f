package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.json.AcmeJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbot against a server started with {@code --require-eab}: refused without a binding, accepted
 * with {@code --eab-kid/--eab-hmac-key} from {@code vacme-server eab create}, run on the jar beside
 * the running server; {@code eab list} then shows the key bound.
 */
class CertbotExternalAccountIT {

    @TempDir
    Path dir;

    @Test
    void certbotNeedsAKeyFromEabCreate() throws Exception {
        int http01Port = ServerProcess.freePort();
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, http01Port, "--require-eab")) {
            CertbotIT.Certbot certbot = new CertbotIT.Certbot(dir, server, http01Port);

            Commands.Outcome refused = certbot.run("certonly", "--standalone", "-d", "eab.test");

            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("external account binding");
            ServerProcess.Result created = ServerProcess.run("eab", "create", "--data-dir", data.toString(),
                    "--label", "certbot-hosts", "--json");
            assertThat(created.exitCode()).as(created.output()).isZero();
            JsonNode key = lastJsonLine(created.output());

            Commands.Outcome issued = certbot.run("certonly", "--standalone", "-d", "eab.test",
                    "--eab-kid", key.get("kid").asText(), "--eab-hmac-key", key.get("hmacKey").asText());

            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            assertThat(Files.exists(dir.resolve("config/live/eab.test/fullchain.pem"))).isTrue();
            ServerProcess.Result listed = ServerProcess.run("eab", "list", "--data-dir", data.toString());
            assertThat(listed.output()).contains(key.get("kid").asText(), "certbot-hosts", "bound to account ");
        }
    }

    private static JsonNode lastJsonLine(String output) {
        String line = output.lines().filter(text -> text.startsWith("{")).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no JSON in: " + output));
        return AcmeJson.readTree(line.getBytes(StandardCharsets.UTF_8));
    }
}
