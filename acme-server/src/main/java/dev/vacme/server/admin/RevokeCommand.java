package dev.vacme.server.admin;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.audit.FileAuditLog;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.ra.RevocationService;
import dev.vacme.server.store.StoredCertificate;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vacme-server admin revoke}: revokes a certificate by serial through the same revocation
 * service as an ACME revokeCert request (RFC 8555 §7.6), with the operator as the requester.
 */
@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Revokes a certificate by its serial number, as if its subscriber had asked.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:revoked", "1:refused: no such certificate, already revoked, or the database failed",
            "2:bad arguments or configuration, or the store cannot be opened"})
final class RevokeCommand extends AdminSubcommand {

    @Option(names = "--serial", required = true, paramLabel = "HEX",
            description = "The serial number in hex, as 'admin certs' prints it (colons and leading zeros are fine)")
    String serial;

    @Option(names = "--reason", paramLabel = "NAME", defaultValue = "unspecified",
            description = "unspecified (default), keyCompromise, affiliationChanged, superseded, "
                    + "cessationOfOperation or privilegeWithdrawn")
    String reason;

    private String serialHex;
    private RevocationReasons reasonCode;

    @Override
    void checkArguments() {
        String digits = serial.strip().toLowerCase(Locale.ROOT).replace(":", "");
        digits = digits.startsWith("0x") ? digits.substring(2) : digits;
        if (digits.isEmpty() || !digits.matches("[0-9a-f]+")) {
            throw new AdminException(AdminCommand.EXIT_USAGE, "--serial: '" + serial + "' is not a hexadecimal serial number");
        }
        serialHex = SerialNumbers.toHex(new BigInteger(digits, 16));
        reasonCode = RevocationReasons.parse(reason).orElseThrow(() -> new AdminException(AdminCommand.EXIT_USAGE,
                "--reason: '" + reason + "' is not a revocation reason; use unspecified, keyCompromise, "
                        + "affiliationChanged, superseded, cessationOfOperation or privilegeWithdrawn"));
    }

    @Override
    int run(AdminSession session, PrintWriter out) {
        StoredCertificate stored = AdminSession.await(session.store().findCertificate(serialHex))
                .orElseThrow(() -> new AdminException(AdminCommand.EXIT_FAILED,
                        "no certificate with serial " + serialHex + " in this store"));
        RevocationRequest request = new RevocationRequest(leafDer(stored), reasonCode.code());
        FileAuditLog auditFile = session.openAuditLog();
        try {
            RevocationService revocations = new RevocationService(session.store(), Clock.systemUTC(),
                    auditFile == null ? AuditLog.NONE : auditFile);
            AdminSession.await(revocations.revoke(new RevocationService.Requester.ByOperator(), request));
        } finally {
            if (auditFile != null) {
                auditFile.close();
            }
        }
        out.println("revoked certificate " + serialHex + " (" + reasonCode + ") for "
                + String.join(",", stored.identifiers().stream().map(id -> id.value()).toList()));
        return AdminCommand.EXIT_OK;
    }

    private static String leafDer(StoredCertificate stored) {
        try {
            return Base64Url.encode(Pem.readCertificate(stored.chainPem()).getEncoded());
        } catch (PkiException | CertificateEncodingException e) {
            throw new AdminException(AdminCommand.EXIT_FAILED,
                    "the stored certificate " + stored.serial() + " cannot be read: " + e.getMessage());
        }
    }
}
