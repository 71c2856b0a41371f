package dev.vacme.client.deploy.keystore;

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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a lineage's chain and key as one private-key entry of a PKCS#12 or JKS keystore. Other
 * entries of an existing keystore are kept; the file is replaced atomically with mode 0600 (it holds
 * the key). The "configuration test" reads the written keystore back and checks the entry; the
 * reload runs {@code reload_command}, if any.
 */
final class KeystoreInstaller implements Installer {

    private final KeystoreSettings settings;
    private final InstallerContext context;
    private X509Certificate expectedLeaf;

    KeystoreInstaller(KeystoreSettings settings, InstallerContext context) {
        this.settings = settings;
        this.context = context;
    }

    @Override
    public void install(Deployment deployment, Backup backup) {
        Path directory = settings.keystore().toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new DeployException(Step.INSTALL, "cannot write " + settings.keystore() + ": the directory "
                    + directory + " does not exist");
        }
        char[] password = password();
        List<X509Certificate> chain = chain(deployment);
        expectedLeaf = chain.get(0);
        KeyStore keystore = load(password);
        if (holds(keystore, chain)) {
            context.verbose().accept(settings.keystore() + " already holds this certificate as '" + settings.alias()
                    + "'");
            return;
        }
        try {
            keystore.setKeyEntry(settings.alias(), privateKey(deployment), password, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keystore.store(out, password);
            backup.protect(settings.keystore());
            AtomicFiles.write(settings.keystore(), out.toByteArray(), AtomicFiles.PRIVATE);
        } catch (GeneralSecurityException | IOException e) {
            throw new DeployException(Step.INSTALL, "cannot write " + settings.keystore() + ": " + ErrorText.of(e), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public void configTest() {
        char[] password = password();
        try {
            KeyStore written = load(password);
            if (!written.isKeyEntry(settings.alias())) {
                throw new DeployException(Step.CONFIG_TEST, settings.keystore() + " has no private-key entry '"
                        + settings.alias() + "'");
            }
            Certificate leaf = written.getCertificate(settings.alias());
            if (expectedLeaf != null && !expectedLeaf.equals(leaf)) {
                throw new DeployException(Step.CONFIG_TEST, settings.keystore() + ": the entry '" + settings.alias()
                        + "' does not hold the live certificate");
            }
            written.getKey(settings.alias(), password);
        } catch (GeneralSecurityException e) {
            throw new DeployException(Step.CONFIG_TEST, settings.keystore() + ": the entry '" + settings.alias()
                    + "' cannot be read with the password: " + ErrorText.of(e), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public void reload() {
        if (settings.reloadCommand() != null) {
            context.runOrThrow(settings.reloadCommand(), Step.RELOAD);
        }
    }

    @Override
    public List<Endpoint> endpoints(Deployment deployment) {
        return List.of();
    }

    @Override
    public List<String> preview(Deployment deployment, Path scratch) {
        List<String> lines = new ArrayList<>();
        lines.add((Files.exists(settings.keystore()) ? "update " : "create ") + settings.format() + " keystore "
                + settings.keystore() + " (mode 0600): private-key entry '" + settings.alias() + "' with the chain of "
                + deployment.live().fullchain());
        if (settings.reloadCommand() != null) {
            lines.add("run " + settings.reloadCommand());
        }
        return lines;
    }

    /** Returns true when the entry already holds exactly this chain. */
    private boolean holds(KeyStore keystore, List<X509Certificate> chain) {
        try {
            Certificate[] current = keystore.getCertificateChain(settings.alias());
            return keystore.isKeyEntry(settings.alias()) && current != null
                    && Arrays.equals(current, chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private KeyStore load(char[] password) {
        try {
            KeyStore keystore = KeyStore.getInstance(settings.format());
            if (Files.exists(settings.keystore())) {
                try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(settings.keystore()))) {
                    keystore.load(in, password);
                }
            } else {
                keystore.load(null, password);
            }
            return keystore;
        } catch (GeneralSecurityException | IOException e) {
            throw new DeployException(Step.INSTALL, "cannot open the keystore " + settings.keystore() + " with the"
                    + " password in " + settings.passwordFile() + ": " + ErrorText.of(e), e);
        }
    }

    private char[] password() {
        try {
            String text = Files.readString(settings.passwordFile(), StandardCharsets.UTF_8);
            String firstLine = text.lines().findFirst().orElse("");
            if (firstLine.isEmpty()) {
                throw new DeployException(Step.INSTALL, settings.passwordFile() + " is empty; write the keystore"
                        + " password on its first line");
            }
            return firstLine.toCharArray();
        } catch (IOException e) {
            throw new DeployException(Step.INSTALL, "cannot read the keystore password from "
                    + settings.passwordFile() + ": " + ErrorText.of(e), e);
        }
    }

    private static List<X509Certificate> chain(Deployment deployment) {
        try {
            return Pem.readCertificates(Files.readString(deployment.live().fullchain(), StandardCharsets.US_ASCII));
        } catch (IOException | PkiException e) {
            throw new DeployException(Step.INSTALL, "cannot read " + deployment.live().fullchain() + ": "
                    + ErrorText.of(e), e);
        }
    }

    private static PrivateKey privateKey(Deployment deployment) {
        try {
            return Pem.readKeyPair(Files.readString(deployment.live().privkey(), StandardCharsets.US_ASCII))
                    .getPrivate();
        } catch (IOException | PkiException e) {
            throw new DeployException(Step.INSTALL, "cannot read " + deployment.live().privkey() + ": "
                    + ErrorText.of(e), e);
        }
    }
}
