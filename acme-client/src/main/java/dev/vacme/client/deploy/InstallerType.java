package dev.vacme.client.deploy;

import dev.vacme.client.store.InstallerSpec;

/**
 * One kind of installer, as the registry knows it: its name ({@code -i NAME}), its command-line
 * options, and how to build an {@link Installer} from its remembered settings. Each type registers
 * itself with one line in {@code META-INF/services/dev.vacme.client.deploy.InstallerType} (see
 * {@link InstallerRegistry}); nothing else in vacme lists installer names.
 *
 * <p>A type owns its settings: {@link InstallerOptions#resolve} turns its options into an
 * {@link InstallerSpec} (the keys of its {@code [installer.NAME]} section of
 * {@code renewal/NAME.conf}), and {@link #create} reads them back, so renewals install the same way
 * without the options. Implementations need a public no-argument constructor.
 */
public interface InstallerType {

    /** Returns the name given to {@code -i} and written as {@code installer = NAME}; lower case. */
    String name();

    /** Returns one short line (under 60 characters) for the list of installers in --help. */
    String description();

    /**
     * Returns a new, empty instance of this installer's picocli-annotated options (one per command
     * that installs). Every option name must be unique across all installers: prefix it with the
     * installer's name ({@code --haproxy-crt}) unless certbot or the issue fixes another name.
     */
    InstallerOptions newOptions();

    /**
     * Returns the name of the option set this type shares with others: types that take the same
     * options ({@code pkcs12} and {@code jks} both take {@code --keystore}) return the same group,
     * and one instance of their options serves them all; {@link InstallerOptions.Inputs#installer}
     * tells {@code resolve} which of them was chosen. Default: a group of its own.
     */
    default String optionsGroup() {
        return name();
    }

    /**
     * Builds the installer for one lineage from its remembered settings.
     *
     * @param spec    this installer's name and its settings as {@link InstallerOptions#resolve} wrote them
     * @param context what an installer may use of the outside world
     * @throws dev.vacme.client.store.StoreException when a setting is missing or invalid (name the key)
     */
    Installer create(InstallerSpec spec, InstallerContext context);
}
