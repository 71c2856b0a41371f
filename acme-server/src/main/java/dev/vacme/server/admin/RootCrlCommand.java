package dev.vacme.server.admin;

import dev.vacme.server.ca.CrlBuilder;
import dev.vacme.server.ca.RootSigner;
import dev.vacme.server.config.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vacme-server ca root-crl}: signs an empty CRL with the root key (RFC 5280 §5), for
 * relying parties that check revocation of every certificate in the chain, such as nginx with
 * {@code ssl_crl} (OpenSSL's CRL_CHECK_ALL): the intermediate needs a CRL from the root too. The
 * root key signs where it lives, in its PEM file or on the CA's PKCS#11 token.
 */
@Command(name = "root-crl", mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Write an empty CRL signed by the root key, for relying parties that check the whole chain "
                + "(nginx ssl_crl); put it beside the intermediate's CRL.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:written", "1:the root key cannot sign or the file cannot be written",
            "2:bad arguments or configuration (token settings missing, wrong PIN), or no CA"})
final class RootCrlCommand extends CaCommand.CaSubcommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CRL (PEM)")
    Path out;

    @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "365d",
            description = "From thisUpdate to nextUpdate (default: 365d); make a new one well before")
    String validity;

    @Override
    int run(CaCommand.Ca ca, PrintWriter output) {
        Duration parsedValidity;
        try {
            parsedValidity = Durations.parse(validity);
        } catch (IllegalArgumentException e) {
            throw new AdminException(AdminCommand.EXIT_USAGE, "--validity: " + e.getMessage());
        }
        RootSigner root = ca.rotation().ownRoot();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // The CRL number is the time in seconds: it grows with every run of this command.
        byte[] der = CrlBuilder.build(root.certificate(), root.signer(), now.getEpochSecond(), now,
                now.plus(parsedValidity), List.of());
        String pem = "-----BEGIN X509 CRL-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END X509 CRL-----\n";
        try {
            Files.writeString(out, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AdminException(AdminCommand.EXIT_FAILED, "cannot write " + out + ": " + e.getMessage());
        }
        output.println("wrote the root CRL to " + out + ", valid until " + now.plus(parsedValidity)
                + " (signed with " + root.describe() + ")");
        return AdminCommand.EXIT_OK;
    }
}
