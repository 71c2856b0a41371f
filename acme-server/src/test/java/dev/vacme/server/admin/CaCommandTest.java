package dev.vacme.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.CaSetup;
import dev.vacme.server.ca.CaStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vacme-server ca show|rotate-intermediate|cross-sign} on a data directory, as an operator runs them. */
class CaCommandTest {

    @TempDir
    Path data;

    private record Result(int exitCode, String out, String err) {
        JsonNode json() {
            return AcmeJson.readTree(out.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private Result ca(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new CaCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private void makeCa() {
        new CaStorage(CaSetup.directory(data), Clock.systemUTC(), new SecureRandom()).loadOrCreate();
    }

    @Test
    void rotateMakesAWaitingIntermediateThatShowListsAfterTheActiveOne() {
        makeCa();

        Result rotated = ca("rotate-intermediate", "--data-dir", data.toString(), "--json");

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        String id = rotated.json().get("id").asText();
        assertThat(rotated.json().get("subject").asText()).startsWith("CN=Vacme Intermediate CA ");
        assertThat(rotated.json().get("sha256").asText()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Files.isRegularFile(CaSetup.directory(data).resolve("intermediates").resolve(id).resolve("key.pem")))
                .isTrue();

        Result shown = ca("show", "--data-dir", data.toString(), "--json");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        JsonNode intermediates = shown.json().get("intermediates");
        assertThat(intermediates).hasSize(2);
        assertThat(intermediates.get(0).get("state").asText()).isEqualTo("active");
        assertThat(intermediates.get(1).get("id").asText()).isEqualTo(id);
        assertThat(intermediates.get(1).get("state").asText()).as("default overlap 24h").isEqualTo("waiting");
        assertThat(shown.json().get("intermediateOverlap").asText()).isEqualTo("1d");

        Result immediate = ca("show", "--data-dir", data.toString(), "--intermediate-overlap", "0");

        assertThat(immediate.out()).contains("Intermediate " + id + " (active)", "(retired)",
                "answering for its certificates until", "key:         " + CaSetup.directory(data));
    }

    @Test
    void crossSignMakesAnAlternateRootAndShowListsTheAlternateChain() {
        makeCa();

        Result crossSigned = ca("cross-sign", "--data-dir", data.toString());

        assertThat(crossSigned.exitCode()).as(crossSigned.err()).isZero();
        assertThat(crossSigned.out()).contains("--preferred-chain \"Vacme Alternate Root CA ");
        JsonNode shown = ca("show", "--data-dir", data.toString(), "--json").json();
        assertThat(shown.get("alternateRoots")).hasSize(1);
        JsonNode alternate = shown.get("intermediates").get(0).get("alternateChains").get(0);
        assertThat(alternate.get("issuer").asText()).isEqualTo(shown.get("alternateRoots").get(0).get("subject").asText());
        assertThat(alternate.get("id").asText()).as("same key").isEqualTo(shown.get("intermediates").get(0).get("id").asText());
    }

    @Test
    void withoutACaTheCommandsSayWhereTheyLookedAndExitTwo() {
        Result shown = ca("show", "--data-dir", data.resolve("nothing").toString());

        assertThat(shown.exitCode()).isEqualTo(2);
        assertThat(shown.err().strip()).startsWith("vacme-server ca: no CA in " + data.resolve("nothing").resolve("ca"));
        assertThat(ca("cross-sign", "--data-dir", data.toString(), "--intermediate", "00").exitCode()).isEqualTo(2);
    }

    @Test
    void aCaOnATokenNeedsTheTokenSettingsAndTheCommandSaysWhichExitingTwo() throws Exception {
        makeCa();
        Files.delete(CaSetup.directory(data).resolve("root-key.pem"));
        Files.delete(CaSetup.directory(data).resolve("intermediate-key.pem"));

        for (String command : new String[] {"show", "rotate-intermediate", "cross-sign"}) {
            Result result = ca(command, "--data-dir", data.toString());

            assertThat(result.exitCode()).as(command).isEqualTo(2);
            assertThat(result.err().lines()).as(command).containsExactly("vacme-server ca: the CA in "
                    + CaSetup.directory(data) + " keeps its keys on a PKCS#11 token (there is no root-key.pem): give "
                    + "the server's token settings, --ca-key pkcs11 --pkcs11-config FILE --pkcs11-pin-file FILE (or "
                    + "VACME_PKCS11_PIN), or --config with them");
        }
        assertThat(Files.exists(CaSetup.directory(data).resolve("intermediates"))).isFalse();
    }

    @Test
    void thePinIsNeverTakenFromTheCommandLine() {
        makeCa();

        Result result = ca("rotate-intermediate", "--data-dir", data.toString(), "--ca-key", "pkcs11",
                "--pkcs11-config", data.resolve("pkcs11.cfg").toString(), "--pkcs11-pin", "1234");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("vacme-server ca: --pkcs11-pin is not accepted: every local user can read "
                + "a command line").doesNotContain("1234");
    }

    @Test
    void tokenSettingsThatCannotOpenTheTokenExitTwoWithOneLine() throws Exception {
        makeCa();
        Path pin = data.resolve("pin");
        Files.writeString(pin, "1234\n");
        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));

        Result noPin = ca("show", "--data-dir", data.toString(), "--ca-key", "pkcs11",
                "--pkcs11-config", data.resolve("pkcs11.cfg").toString());
        Result noConfig = ca("show", "--data-dir", data.toString(), "--ca-key", "pkcs11",
                "--pkcs11-config", data.resolve("pkcs11.cfg").toString(), "--pkcs11-pin-file", pin.toString());

        assertThat(noPin.exitCode()).isEqualTo(2);
        assertThat(noPin.err().lines()).containsExactly("vacme-server ca: ca-key: pkcs11 needs the token's PIN: name "
                + "a file holding it with pkcs11-pin-file, or set VACME_PKCS11_PIN");
        assertThat(noConfig.exitCode()).isEqualTo(2);
        assertThat(noConfig.err().lines()).containsExactly("vacme-server ca: the PKCS#11 configuration "
                + data.resolve("pkcs11.cfg") + " (pkcs11-config) does not exist");
    }

    @Test
    void anUnknownIntermediateIsAFailureNamingTheShowCommand() {
        makeCa();

        Result result = ca("cross-sign", "--data-dir", data.toString(), "--intermediate", "00");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no intermediate 00", "'vacme-server ca show'");
    }

    @Test
    void rootCrlIsAnEmptyCrlSignedByTheRootKey() throws Exception {
        makeCa();
        Path file = data.resolve("root-crl.pem");

        Result written = ca("root-crl", "--data-dir", data.toString(), "--out", file.toString(), "--validity", "30d");

        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).startsWith("wrote the root CRL to " + file).contains("root-key.pem");
        X509Certificate root = Pem.readCertificate(Files.readString(CaSetup.rootCertificate(data)));
        X509CRL crl;
        try (var in = Files.newInputStream(file)) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(root.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(30));

        Result badValidity = ca("root-crl", "--data-dir", data.toString(), "--out", file.toString(),
                "--validity", "soon");
        assertThat(badValidity.exitCode()).isEqualTo(AdminCommand.EXIT_USAGE);
        assertThat(badValidity.err()).startsWith("vacme-server ca: --validity: ");
    }
}
