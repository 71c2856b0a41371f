package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process against {@link FakeAcme}: issuance paths that need a server. */
class CliIssuanceTest {

    @TempDir
    Path home;

    private final FakeAcme acme = new FakeAcme();
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(home).transports(settings -> acme).sleeper(RecordingSleeper.realUpTo(Duration.ZERO));
    }

    private Result vacme(String... args) {
        List<String> all = new ArrayList<>(List.of("--server", FakeAcme.DIRECTORY.toString(), "-n"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void aCertificateForACsrThatDoesNotMatchItIsNotWritten() throws Exception {
        byte[] der = new CsrBuilder().dns(List.of("csr.test")).build(KeyType.EC_P256.generate());
        Files.writeString(home.resolve("req.pem"), Pem.encodeCsr(der));
        acme.issuing((key, identifiers) -> acme.issue(key, List.of(Identifier.dns("other.test"))));

        Result result = vacme("certonly", "--standalone", "--csr", "req.pem", "--register-unsafely-without-email",
                "--agree-tos");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("names other.test instead of the ordered csr.test; nothing was installed");
        assertThat(home.resolve("0000_cert.pem")).doesNotExist();
    }
}
