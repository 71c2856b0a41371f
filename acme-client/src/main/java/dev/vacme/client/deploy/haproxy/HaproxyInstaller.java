package dev.vacme.client.deploy.haproxy;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.Backup;
import dev.vacme.client.deploy.DeployException.Step;
import dev.vacme.client.deploy.DeployException;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.Installer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.store.AtomicFiles;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a lineage's chain and key as the one PEM file HAProxy's {@code crt} loads (mode 0600,
 * atomically), then makes it live: through the runtime API when a socket is configured (no
 * reload, no dropped connections), else with the reload command. The "configuration test" reads
 * the written file back and checks that its key belongs to its first certificate; vacme does not
 * know haproxy.cfg, so it does not run {@code haproxy -c}.
 */
final class HaproxyInstaller implements Installer {

    private final HaproxySettings settings;
    private final InstallerContext context;
    private final HaproxyRuntimeApi api;

    HaproxyInstaller(HaproxySettings settings, InstallerContext context, HaproxyRuntimeApi api) {
        this.settings = settings;
        this.context = context;
        this.api = api;
    }

    @Override
    public void install(Deployment deployment, Backup backup) {
        Path directory = settings.crt().toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new DeployException(Step.INSTALL, "cannot write " + settings.crt() + ": the directory " + directory
                    + " does not exist");
        }
        String combined = combined(deployment);
        try {
            if (Files.exists(settings.crt())
                    && Files.readString(settings.crt(), StandardCharsets.US_ASCII).equals(combined)) {
                context.verbose().accept(settings.crt() + " already holds this certificate");
                return;
            }
            backup.protect(settings.crt());
            AtomicFiles.write(settings.crt(), combined.getBytes(StandardCharsets.US_ASCII), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new DeployException(Step.INSTALL, "cannot write " + settings.crt() + ": " + ErrorText.of(e), e);
        }
    }

    @Override
    public void configTest() {
        try {
            String pem = Files.readString(settings.crt(), StandardCharsets.US_ASCII);
            int keyStart = pem.indexOf("-----BEGIN", pem.lastIndexOf("-----END CERTIFICATE-----"));
            if (keyStart < 0) {
                throw new DeployException(Step.CONFIG_TEST, settings.crt() + " holds no private key after the"
                        + " certificates");
            }
            List<X509Certificate> chain = Pem.readCertificates(pem.substring(0, keyStart));
            KeyPair keys = Pem.readKeyPair(pem.substring(keyStart));
            if (chain.isEmpty() || !chain.get(0).getPublicKey().equals(keys.getPublic())) {
                throw new DeployException(Step.CONFIG_TEST, settings.crt() + ": the key does not belong to the first"
                        + " certificate");
            }
        } catch (IOException | PkiException e) {
            throw new DeployException(Step.CONFIG_TEST, "cannot read back " + settings.crt() + ": " + ErrorText.of(e),
                    e);
        }
    }

    @Override
    public void reload() {
        if (settings.socket() == null) {
            context.runOrThrow(settings.reloadCommand(), Step.RELOAD);
            return;
        }
        String pem;
        try {
            pem = Files.readString(settings.crt(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DeployException(Step.RELOAD, "cannot read " + settings.crt() + ": " + ErrorText.of(e), e);
        }
        context.verbose().accept("updating " + settings.crt() + " through HAProxy's runtime API on "
                + settings.socket());
        api.replaceCertificate(settings.socket(), settings.crt(), pem);
    }

    @Override
    public List<Endpoint> endpoints(Deployment deployment) {
        return List.of();
    }

    @Override
    public List<String> preview(Deployment deployment, Path scratch) {
        List<String> lines = new ArrayList<>();
        lines.add((Files.exists(settings.crt()) ? "replace " : "create ") + settings.crt()
                + " (mode 0600) with the chain of " + deployment.live().fullchain() + " and the key");
        lines.add(settings.socket() != null
                ? "set ssl cert " + settings.crt() + " and commit it through " + settings.socket()
                : "run " + settings.reloadCommand());
        return lines;
    }

    /** Returns the chain followed by the key, as HAProxy reads a {@code crt} file. */
    private static String combined(Deployment deployment) {
        try {
            String chain = Files.readString(deployment.live().fullchain(), StandardCharsets.US_ASCII);
            String key = Files.readString(deployment.live().privkey(), StandardCharsets.US_ASCII);
            return chain.strip() + "\n" + key.strip() + "\n";
        } catch (IOException e) {
            throw new DeployException(Step.INSTALL, "cannot read the live files of " + deployment.name() + ": "
                    + ErrorText.of(e), e);
        }
    }
}
