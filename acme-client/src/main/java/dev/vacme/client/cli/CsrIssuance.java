package dev.vacme.client.cli;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.challenge.Authenticators;
import dev.vacme.client.deploy.PostIssuance.Job;
import dev.vacme.client.deploy.PostIssuance.Outcome;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.issue.CertificateCheck;
import dev.vacme.client.issue.ChainPreference;
import dev.vacme.client.issue.CertificateKeys;
import dev.vacme.client.issue.IssuedChain;
import dev.vacme.client.issue.Issuer;
import dev.vacme.client.store.AtomicFiles;
import dev.vacme.client.store.AuthenticatorSpec;
import dev.vacme.client.store.StoreException;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Csr;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code certonly --csr FILE}: a certificate for an existing CSR (its key stays with the
 * operator). As with certbot, the result is written to {@code --cert-path}, {@code --chain-path}
 * and {@code --fullchain-path} (by default the first free {@code NNNN_cert.pem} and friends in
 * the current directory) and is not a lineage, so {@code renew} does not renew it.
 */
final class CsrIssuance {

    private final CommandContext context;
    private final AuthenticatorOptions authenticator;
    private final HookOptions hooks;
    private final AccountOptions account;
    private final boolean dryRun;
    private String preferredChain;

    CsrIssuance(CommandContext context, AuthenticatorOptions authenticator, HookOptions hooks, AccountOptions account,
            boolean dryRun) {
        this.context = context;
        this.authenticator = authenticator;
        this.hooks = hooks;
        this.account = account;
        this.dryRun = dryRun;
    }

    /** Prefers the chain of this issuer among the server's alternates (null: the default chain). */
    CsrIssuance preferringChain(String issuer) {
        this.preferredChain = issuer;
        return this;
    }

    int run(Path csrFile, Path certPath, Path chainPath, Path fullchainPath) {
        byte[] der = readCsr(context.environment().workingDir().resolve(csrFile));
        List<String> names = names(der);
        if (!authenticator.domains().isEmpty() && !new HashSet<>(authenticator.domains()).equals(new HashSet<>(names))) {
            throw new UsageException("the -d names " + authenticator.domains() + " differ from the CSR's " + names);
        }
        URI server = context.server(Optional.empty());
        AuthenticatorSpec spec = authenticator.resolve(null, context.environment().workingDir(), names);
        new AccountSetup(context).ensure(server, account);
        AcmeAccount acme = context.accounts().require(server);
        HookRunner runner = context.hooks(hooks.timeout());
        PostIssuance.Run run = context.postIssuance(runner).start();
        List<String> failures = new ArrayList<>();
        int code;
        try {
            // A CSR's certificate is no lineage: nothing to install, no deploy hook (as with certbot).
            Outcome<Integer> outcome = run.perform(new Job<>("the CSR's certificate", names, hooks.hooks(),
                    () -> issue(acme, der, names, spec, runner, certPath, chainPath, fullchainPath), null, null));
            failures.addAll(outcome.failures());
            code = outcome.obtained();
        } finally {
            failures.addAll(run.finish());
            failures.forEach(context.output()::error);
        }
        return failures.isEmpty() ? code : ExitCodes.FAILURE;
    }

    private int issue(AcmeAccount acme, byte[] der, List<String> names, AuthenticatorSpec spec, HookRunner runner,
            Path certPath, Path chainPath, Path fullchainPath) {
        List<Identifier> identifiers = CertificateKeys.identifiers(names);
        IssuedChain chain = new Issuer(acme, context.poller(), context.environment().clock(),
                context.issuanceTimeout(), context.output()::verbose, context.output()::warn)
                .issue(identifiers, der, null, null, preferredChain == null ? null
                        : new ChainPreference(preferredChain), Authenticators.create(spec, runner,
                        context.output()::verbose));
        CertificateCheck.verify(chain.leaf(), Csr.parse(der).publicKey(), identifiers);
        return dryRun ? reportDryRun(names) : write(chain, certPath, chainPath, fullchainPath);
    }

    private int reportDryRun(List<String> names) {
        context.output().info("The dry run was successful: the server issued a certificate for "
                + String.join(", ", names) + "; nothing was written.");
        context.output().jsonResult(Map.of("domains", names, "dryRun", true));
        return ExitCodes.OK;
    }

    private int write(IssuedChain chain, Path certPath, Path chainPath, Path fullchainPath) {
        Path dir = context.environment().workingDir();
        String prefix = freePrefix(dir);
        Path cert = dir.resolve(certPath != null ? certPath : Path.of(prefix + "_cert.pem"));
        Path intermediates = dir.resolve(chainPath != null ? chainPath : Path.of(prefix + "_chain.pem"));
        Path full = dir.resolve(fullchainPath != null ? fullchainPath : Path.of(prefix + "_fullchain.pem"));
        var pems = chain.toPemBundle("");
        try {
            AtomicFiles.write(cert, pems.cert().getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
            AtomicFiles.write(intermediates, pems.chain().getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
            AtomicFiles.write(full, pems.fullchain().getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
        } catch (IOException e) {
            throw new StoreException("cannot write the certificate: " + ErrorText.of(e), e);
        }
        context.output().info("Successfully received certificate.\nCertificate is saved at: " + cert
                + "\nChain is saved at:       " + intermediates + "\nFull chain is saved at:  " + full
                + "\nCertificates obtained with --csr are not renewed automatically.");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cert", cert.toString());
        json.put("chain", intermediates.toString());
        json.put("fullchain", full.toString());
        json.put("serial", chain.leaf().getSerialNumber().toString(16));
        json.put("notAfter", chain.leaf().getNotAfter().toInstant().toString());
        context.output().jsonResult(json);
        return ExitCodes.OK;
    }

    private static byte[] readCsr(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            return text.contains("-----BEGIN") ? Pem.readCsr(text) : bytes;
        } catch (IOException e) {
            throw new UsageException("cannot read --csr " + file + ": " + ErrorText.of(e));
        } catch (PkiException e) {
            throw new UsageException("--csr " + file + ": " + ErrorText.of(e));
        }
    }

    private static List<String> names(byte[] der) {
        Csr csr;
        try {
            csr = Csr.parse(der);
        } catch (PkiException e) {
            throw new UsageException("--csr: " + ErrorText.of(e));
        }
        List<String> names = new ArrayList<>(csr.dnsNames());
        csr.ipAddresses().stream().map(InetAddress::getHostAddress).forEach(names::add);
        if (names.isEmpty()) {
            csr.commonName().ifPresent(names::add);
        }
        if (names.isEmpty()) {
            throw new UsageException("--csr: the CSR names no DNS name or IP address");
        }
        return names;
    }

    private static String freePrefix(Path dir) {
        for (int i = 0; ; i++) {
            String prefix = String.format("%04d", i);
            if (!Files.exists(dir.resolve(prefix + "_cert.pem")) && !Files.exists(dir.resolve(prefix + "_chain.pem"))
                    && !Files.exists(dir.resolve(prefix + "_fullchain.pem"))) {
                return prefix;
            }
        }
    }
}
