package dev.vacme.client.cli;

import dev.vacme.client.ErrorText;
import dev.vacme.client.VacmeException;
import dev.vacme.client.renew.RenewalDecision;
import dev.vacme.client.renew.RenewalPolicy;
import dev.vacme.client.store.LineageFiles;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.revocation.LineageRevocation;
import dev.vacme.client.revocation.RevocationStatus;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.store.Revocation;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vacme certificates}: every lineage with its names, serial, key type, expiry, days left
 * (or {@code REVOKED} with reason and time, once vacme knows), the next renewal time and its basis
 * (the ARI window, the lifetime rule, the revocation), and its paths. Reads files only and contacts
 * no server, unless {@code --check-revocation} asks each live certificate's CA (OCSP, else CRL)
 * whether it is revoked, recording a revocation found so that {@code renew} replaces it. Exit
 * codes of that check: {@link ExitCodes#REVOKED}, {@link ExitCodes#REVOCATION_UNKNOWN}.
 */
@Command(name = "certificates", mixinStandardHelpOptions = true,
        description = "List the certificates and when they renew.")
final class CertificatesCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Option(names = "--cert-name", paramLabel = "NAME", description = "Show only this lineage")
    private String certName;

    /** Accepted as certbot accepts them here (from scripts and cli.ini), and, as there, they select nothing. */
    @Option(names = {"--cert-path", "--key-path"}, hidden = true, paramLabel = "FILE")
    private Path ignoredPath;

    @Option(names = "--check-revocation", description = "Ask each live certificate's OCSP responder (else its CRL)"
            + " whether it is revoked, and record a revocation found so that renew replaces it. Exit 3 when a"
            + " certificate is revoked, 4 when the status of one could not be found out")
    private boolean checkRevocation;

    @Override
    public Integer call() {
        CommandContext context = root.context();
        if (ignoredPath != null) {
            context.output().warn("--cert-path and --key-path do not select certificates to list; use --cert-name"
                    + " NAME");
        }
        LineageStore store = context.lineages();
        List<String> names = certName != null ? List.of(certName) : store.names();
        Instant now = context.environment().clock().instant();
        List<Map<String, Object>> entries = new ArrayList<>();
        boolean broken = false;
        RevocationSummary revocations = new RevocationSummary();
        LineageRevocation checks = checkRevocation ? context.revocationCheck() : null;
        for (String name : names) {
            Optional<RevocationStatus> checked = checks == null ? Optional.empty() : check(context, checks, name, now);
            Map<String, Object> entry = describe(store, name, now);
            if (checkRevocation && !entry.containsKey("error")) {
                revocations.add(context.output(), name, entry, checked);
            }
            broken |= entry.containsKey("error");
            entries.add(entry);
        }
        context.output().jsonResult(Map.of("certificates", entries));
        context.output().result(text(entries));
        return revocations.exitCode(broken);
    }

    private static Optional<RevocationStatus> check(CommandContext context, LineageRevocation checks, String name,
            Instant now) {
        try {
            return checks.check(name, now);
        } catch (VacmeException | IllegalArgumentException e) {
            return Optional.empty(); // describe() reports the unreadable lineage
        }
    }

    private static Map<String, Object> describe(LineageStore store, String name, Instant now) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        try {
            RenewalConf conf = store.readConf(name);
            X509Certificate leaf = Pem.readCertificate(store.readLive(name, LineageFiles.CERT));
            Instant notAfter = leaf.getNotAfter().toInstant();
            RenewalDecision decision = new RenewalPolicy().decide(conf.certificate(), conf.ari(), now);
            LineageFiles files = store.liveFiles(name);
            entry.put("domains", conf.domains());
            entry.put("serial", leaf.getSerialNumber().toString(16));
            entry.put("keyType", KeyType.of(leaf.getPublicKey()).map(KeyType::label).orElse(leaf.getPublicKey()
                    .getAlgorithm()));
            entry.put("notBefore", leaf.getNotBefore().toInstant().toString());
            entry.put("notAfter", notAfter.toString());
            entry.put("daysLeft", Duration.between(now, notAfter).toDays());
            Revocation revocation = conf.certificate() == null ? null : conf.certificate().revocation();
            entry.put("valid", now.isBefore(notAfter) && revocation == null);
            entry.put("revoked", revocation != null);
            if (revocation != null) {
                entry.put("revocation", RevocationSummary.json(revocation));
            }
            entry.put("version", store.liveVersion(name).orElse(0));
            entry.put("server", conf.server().toString());
            entry.put("profile", conf.profile().describe());
            entry.put("renewAt", decision.renewAt().toString());
            entry.put("renewalBasis", decision.basis().name().toLowerCase(Locale.ROOT));
            entry.put("renewalReason", decision.reason());
            entry.put("due", decision.due());
            if (conf.ari() != null && conf.ari().hasWindow()) {
                entry.put("ariWindow", Map.of("start", conf.ari().start().toString(), "end",
                        conf.ari().end().toString()));
            }
            entry.put("certPath", files.cert().toString());
            entry.put("chainPath", files.chain().toString());
            entry.put("fullchainPath", files.fullchain().toString());
            entry.put("privkeyPath", files.privkey().toString());
        } catch (VacmeException | IllegalArgumentException e) {
            entry.put("error", ErrorText.of(e));
        }
        return entry;
    }

    private static String text(List<Map<String, Object>> entries) {
        if (entries.isEmpty()) {
            return "No certificates found.";
        }
        StringBuilder out = new StringBuilder("Found the following certificates:");
        for (Map<String, Object> entry : entries) {
            out.append("\n  Certificate Name: ").append(entry.get("name"));
            if (entry.containsKey("error")) {
                out.append("\n    INVALID: ").append(entry.get("error"));
                continue;
            }
            out.append("\n    Serial Number: ").append(entry.get("serial"))
                    .append("\n    Key Type: ").append(entry.get("keyType"))
                    .append("\n    Identifiers: ").append(String.join(" ", castList(entry.get("domains"))))
                    .append("\n    Profile: ").append(entry.get("profile"))
                    .append("\n    Expiry Date: ").append(entry.get("notAfter")).append(validity(entry))
                    .append("\n    Renewal: ").append(entry.get("renewAt")).append(Boolean.TRUE.equals(entry.get("due"))
                            ? " (due now: " : " (").append(entry.get("renewalReason")).append(')')
                    .append("\n    Certificate Path: ").append(entry.get("fullchainPath"))
                    .append("\n    Private Key Path: ").append(entry.get("privkeyPath"));
            if (entry.get("revocationCheck") instanceof String check) {
                out.append("\n    Revocation Check: ").append(check);
            }
        }
        return out.toString();
    }

    private static String validity(Map<String, Object> entry) {
        if (Boolean.TRUE.equals(entry.get("revoked"))) {
            Map<String, Object> revocation = castMap(entry.get("revocation"));
            return " (REVOKED: " + revocation.get("reason") + " at " + revocation.get("revokedAt") + ", per "
                    + revocation.get("source") + ")";
        }
        return Boolean.TRUE.equals(entry.get("valid")) ? " (VALID: " + entry.get("daysLeft") + " days)" : " (EXPIRED)";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }
}
