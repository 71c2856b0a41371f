package dev.vacme.client.deploy.keystore;

import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of {@code -i pkcs12} and {@code -i jks}, which share them. */
public final class KeystoreOptions implements InstallerOptions {

    @Option(names = "--keystore", paramLabel = "PATH",
            description = "pkcs12/jks: the keystore to write the certificate chain and key into (created when missing)")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "pkcs12/jks: file whose first line is the keystore's password")
    Path passwordFile;

    @Option(names = "--keystore-alias", paramLabel = "NAME",
            description = "pkcs12/jks: alias of the private-key entry (default: the certificate name)")
    String alias;

    @Option(names = "--reload-command", paramLabel = "CMD",
            description = "pkcs12/jks: command run after the keystore was written (e.g. restart the application)")
    String reloadCommand;

    @Override
    public boolean anyGiven() {
        return keystore != null || passwordFile != null || alias != null || reloadCommand != null;
    }

    @Override
    public InstallerSpec resolve(InstallerSpec remembered, Inputs inputs) {
        KeystoreSettings base = remembered == null ? null
                : KeystoreSettings.of(format(remembered.name()), remembered);
        Path store = keystore != null ? inputs.workingDir().resolve(keystore).toAbsolutePath().normalize()
                : base != null ? base.keystore() : null;
        Path password = passwordFile != null ? inputs.workingDir().resolve(passwordFile).toAbsolutePath().normalize()
                : base != null ? base.passwordFile() : null;
        if (store == null || password == null) {
            throw new UsageException("-i " + inputs.installer() + " needs --keystore PATH and"
                    + " --keystore-password-file FILE");
        }
        String entry = alias != null ? alias : base != null ? base.alias() : inputs.lineage();
        if (entry.isBlank()) {
            throw new UsageException("--keystore-alias must not be empty");
        }
        String reload = reloadCommand != null ? reloadCommand : base != null ? base.reloadCommand() : null;
        return new KeystoreSettings(format(inputs.installer()), store, password, entry, reload)
                .toSpec(inputs.installer());
    }

    static String format(String installer) {
        return installer.toUpperCase(Locale.ROOT);
    }
}
