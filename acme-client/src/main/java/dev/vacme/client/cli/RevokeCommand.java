package dev.vacme.client.cli;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import dev.vacme.client.VacmeException;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.LineageNames;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.store.Revocation;
import dev.vacme.common.VacmeVersion;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import dev.vacme.common.problem.ProblemType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
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
 * {@code vacme revoke}: revokes a certificate (RFC 8555 §7.6), signed with the account key, or
 * with the certificate's own key when {@code --key-path} is given (for a certificate of another
 * account, or a compromised key). Optionally deletes the lineage afterwards; otherwise notes the
 * revocation in the lineage whose live certificate it was, so that {@code certificates} shows it as
 * {@code REVOKED} and the next {@code renew} replaces it.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a certificate.")
final class RevokeCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Option(names = "--cert-name", paramLabel = "NAME", description = "The lineage whose certificate to revoke")
    private String certName;

    @Option(names = "--cert-path", paramLabel = "FILE", description = "The certificate to revoke (PEM)")
    private Path certPath;

    @Option(names = "--key-path", paramLabel = "FILE",
            description = "Sign the request with this private key of the certificate instead of the account key")
    private Path keyPath;

    @Option(names = "--reason", paramLabel = "REASON", description = "unspecified, keycompromise,"
            + " affiliationchanged, superseded or cessationofoperation")
    private String reason;

    @Option(names = "--delete-after-revoke", description = "Delete the lineage after revoking it")
    private boolean deleteAfter;

    @Option(names = "--no-delete-after-revoke", description = "Keep the lineage after revoking it")
    private boolean keepAfter;

    @Override
    public Integer call() {
        if ((certName == null) == (certPath == null)) {
            throw new UsageException("give exactly one of --cert-name NAME and --cert-path FILE");
        }
        if (deleteAfter && keepAfter) {
            throw new UsageException("--delete-after-revoke and --no-delete-after-revoke contradict each other");
        }
        Integer code = reason == null ? null : RevocationReason.parse(reason).code();
        CommandContext context = root.context();
        LineageStore store = context.lineages();
        if (certName != null && !store.exists(LineageNames.check(certName))) {
            throw new UsageException("no certificate named '" + certName + "' in " + context.layout().root()
                    + "; use --cert-path FILE for other certificates");
        }
        Path file = certName != null ? store.liveFiles(LineageNames.check(certName)).cert()
                : context.environment().workingDir().resolve(certPath).normalize();
        String lineage = certName != null ? certName : lineageOf(context, file);
        Optional<RenewalConf> conf = lineage != null && store.exists(lineage)
                ? Optional.of(store.readConf(lineage)) : Optional.empty();
        URI server = context.server(conf.map(RenewalConf::server));
        X509Certificate certificate = readCertificate(file);
        Instant revokedAt = context.environment().clock().instant();
        boolean alreadyRevoked = !revoke(context, server, certificate, code);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("serial", certificate.getSerialNumber().toString(16));
        json.put("revoked", true);
        boolean deleted = maybeDelete(context, lineage);
        json.put("deleted", deleted);
        // The server did not say with which reason it was revoked before: unknown, not ours.
        Revocation revocation = new Revocation(revokedAt, alreadyRevoked ? null : code == null ? 0 : code,
                Revocation.LOCAL);
        json.put("recordedIn", deleted ? null : record(context, lineage, certificate, revocation));
        context.output().jsonResult(json);
        return ExitCodes.OK;
    }

    /**
     * Notes the revocation in the lineage whose live certificate this is: the one the path lies in,
     * else any lineage whose live certificate has this serial (a copy elsewhere). Returns its name,
     * or null when the certificate is no lineage's live one (an older version, another certificate).
     */
    private static String record(CommandContext context, String lineage, X509Certificate certificate,
            Revocation revocation) {
        LineageStore store = context.lineages();
        String serial = certificate.getSerialNumber().toString(16);
        List<String> candidates = lineage != null ? List.of(lineage) : store.names().stream()
                .filter(name -> hasSerial(store, name, serial)).toList();
        for (String name : candidates) {
            try {
                if (note(context, name, certificate, revocation)) {
                    context.output().info("Noted in " + name + ": 'vacme certificates' shows it as REVOKED, and the"
                            + " next 'vacme renew' replaces it ('vacme delete --cert-name " + name + "' if it is no"
                            + " longer needed).");
                    return name;
                }
            } catch (VacmeException e) {
                context.output().warn("the certificate is revoked, but vacme could not note that in " + name + " ("
                        + ErrorText.of(e) + "); 'vacme certificates --check-revocation' notes it later");
                return null;
            }
        }
        if (lineage != null) {
            context.output().verbose("the certificate is not the live one of " + lineage + "; nothing to note there");
        }
        return null;
    }

    private static boolean note(CommandContext context, String name, X509Certificate certificate,
            Revocation revocation) {
        ConfigLock lock = context.lock();
        try {
            LineageStore store = context.lineages();
            return store.exists(name) && store.recordRevocation(name, certificate, revocation, VacmeVersion.get());
        } finally {
            lock.close();
        }
    }

    private static boolean hasSerial(LineageStore store, String name, String serial) {
        try {
            RenewalConf conf = store.readConf(name);
            return conf.certificate() != null && serial.equals(conf.certificate().serial());
        } catch (VacmeException e) {
            return false;
        }
    }

    /** Revokes; returns false when the server says it was already revoked. */
    private boolean revoke(CommandContext context, URI server, X509Certificate certificate, Integer code) {
        String serial = certificate.getSerialNumber().toString(16);
        try {
            if (keyPath != null) {
                KeyPair key = readKey(context.environment().workingDir().resolve(keyPath));
                if (!key.getPublic().equals(certificate.getPublicKey())) {
                    throw new UsageException("--key-path " + keyPath + " is not the key of the certificate " + serial);
                }
                AcmeAccount.revokeWithCertificateKey(context.sessions().session(server), key, certificate, code);
            } else {
                context.accounts().require(server).revoke(certificate, code);
            }
            context.output().info("Revoked the certificate with serial " + serial
                    + (reason == null ? "" : " (reason: " + RevocationReason.parse(reason).name().toLowerCase(
                            Locale.ROOT) + ")") + ".");
            return true;
        } catch (AcmeProblemException e) {
            if (e.type() != ProblemType.ALREADY_REVOKED) {
                throw e;
            }
            context.output().warn("the server says the certificate " + serial + " was already revoked");
            return false;
        }
    }

    private boolean maybeDelete(CommandContext context, String lineage) {
        if (lineage == null || !context.lineages().exists(lineage) || keepAfter) {
            return false;
        }
        boolean delete = deleteAfter || context.prompter().confirm("Delete the lineage " + lineage
                + " and all its versions as well?", false);
        if (!delete) {
            return false;
        }
        try (ConfigLock lock = context.lock()) {
            context.lineages().delete(lineage);
        }
        context.output().info("Deleted all files of certificate " + lineage + ".");
        return true;
    }

    /** Returns the lineage a path inside {@code live/} or {@code archive/} belongs to, if any. */
    private static String lineageOf(CommandContext context, Path file) {
        for (Path base : new Path[] {context.layout().live(), context.layout().archive()}) {
            Path normalized = base.toAbsolutePath().normalize();
            if (file.startsWith(normalized) && file.getNameCount() > normalized.getNameCount()) {
                return file.getName(normalized.getNameCount()).toString();
            }
        }
        return null;
    }

    private static X509Certificate readCertificate(Path file) {
        try {
            return Pem.readCertificate(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UsageException("cannot read the certificate " + file + ": " + ErrorText.of(e));
        } catch (PkiException e) {
            throw new UsageException(file + ": " + ErrorText.of(e));
        }
    }

    private static KeyPair readKey(Path file) {
        try {
            return Pem.readKeyPair(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UsageException("cannot read --key-path " + file + ": " + ErrorText.of(e));
        } catch (PkiException e) {
            throw new UsageException("--key-path " + file + ": " + ErrorText.of(e));
        }
    }
}
