package dev.vacme.server.admin;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.model.Identifier;
import dev.vacme.server.config.Durations;
import dev.vacme.server.store.CertificateQuery;
import dev.vacme.server.store.StoredCertificate;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vacme-server admin certs}: lists issued certificates, soonest expiry first. */
@Command(name = "certs",
        mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = {"Lists issued certificates, soonest expiry first: serial, notAfter, status "
                + "(valid, revoked, expired), account and names."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the database failed midway", "2:bad arguments or configuration, "
                + "or the store cannot be opened"})
final class CertsCommand extends AdminSubcommand {

    @Option(names = "--expiring", paramLabel = "DURATION",
            description = "Only unrevoked certificates that expire within DURATION from now, e.g. 30d or 12h")
    String expiring;

    @Option(names = "--name", paramLabel = "NAME", description = "Only certificates for this DNS name or IP address")
    String name;

    @Option(names = "--json", description = "Print a JSON array instead of a table")
    boolean json;

    private Duration within;

    @Override
    void checkArguments() {
        if (expiring != null) {
            try {
                within = Durations.parse(expiring);
            } catch (IllegalArgumentException e) {
                throw new AdminException(AdminCommand.EXIT_USAGE, "--expiring: " + e.getMessage());
            }
        }
    }

    @Override
    int run(AdminSession session, PrintWriter out) {
        Instant now = Clock.systemUTC().instant();
        CertificateQuery query = new CertificateQuery(within == null ? null : now.plus(within),
                within == null ? null : now, name == null ? null : name.toLowerCase(Locale.ROOT));
        List<StoredCertificate> found = AdminSession.await(session.store().listCertificates(query)).stream()
                .filter(c -> within == null || !c.isRevoked())
                .toList();
        List<CertificateView> views = found.stream().map(c -> CertificateView.of(c, now)).toList();
        if (json) {
            out.println(AcmeJson.write(views));
        } else {
            printTable(out, views);
        }
        return AdminCommand.EXIT_OK;
    }

    private static void printTable(PrintWriter out, List<CertificateView> views) {
        String format = "%-32s  %-20s  %-7s  %-22s  %s%n";
        out.printf(format, "SERIAL", "NOT AFTER", "STATUS", "ACCOUNT", "NAMES");
        for (CertificateView view : views) {
            out.printf(format, view.serial(), view.notAfter().truncatedTo(ChronoUnit.SECONDS), view.status(),
                    view.accountId(), String.join(",", view.names()));
        }
    }

    /**
     * One certificate as the listing shows it.
     *
     * @param serial           lowercase hex
     * @param status           {@code valid}, {@code revoked} or {@code expired}
     * @param names            the identifier values it certifies
     * @param notBefore        start of validity
     * @param notAfter         end of validity
     * @param issuedAt         when it was issued
     * @param accountId        the account that ordered it
     * @param orderId          the order it finalized
     * @param revokedAt        when it was revoked, or null
     * @param revocationReason the RFC 5280 reason name it was revoked with, or null
     */
    record CertificateView(String serial, String status, List<String> names, Instant notBefore, Instant notAfter,
            Instant issuedAt, String accountId, String orderId, Instant revokedAt, String revocationReason) {

        static CertificateView of(StoredCertificate c, Instant now) {
            String status = c.isRevoked() ? "revoked" : c.notAfter().isAfter(now) ? "valid" : "expired";
            return new CertificateView(c.serial(), status, c.identifiers().stream().map(Identifier::value).toList(),
                    c.notBefore(), c.notAfter(), c.issuedAt(), c.accountId(), c.orderId(), c.revokedAt(),
                    c.revocationReason() == null ? null : RevocationReasons.name(c.revocationReason()));
        }
    }
}
