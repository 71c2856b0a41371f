package dev.vacme.client.cli;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import dev.vacme.client.challenge.AuthenticatorPluginOptions;
import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.deploy.InstallerRegistry;
import dev.vacme.client.deploy.InstallerType;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Where a certificate is installed: {@code -i NAME} (an installer from the registry), the options of
 * every installer (added as mixins by {@link #attach}, so this class names none of them), and
 * {@code --verify-served HOST:PORT}. Given options apply over the lineage's remembered deployment,
 * as the authenticator options do.
 */
public final class DeployOptions {

    @Option(names = {"-i", "--installer"}, paramLabel = "NAME",
            description = "Install the certificate with this installer (listed below)")
    String installer;

    @Option(names = "--verify-served", paramLabel = "HOST:PORT",
            description = "After installing, check by a TLS handshake (SNI: each name of the certificate) that"
                    + " HOST:PORT serves it (repeatable; replaces the remembered ones)")
    List<String> verifyServed = new ArrayList<>();

    @Option(names = "--https-port", paramLabel = "PORT",
            description = "Port of the TLS listeners an installer adds (nginx, Apache; default 443)")
    Integer httpsPort;

    /** Options by installer name; types sharing an options group share the instance. */
    private final Map<String, InstallerOptions> perInstaller = new LinkedHashMap<>();
    private final Map<String, InstallerOptions> perGroup = new LinkedHashMap<>();
    private InstallerRegistry registry;

    /** Adds every installer's options to a command's command line, once per options group. */
    void attach(InstallerRegistry installers, CommandLine command) {
        this.registry = installers;
        for (InstallerType type : installers.types()) {
            InstallerOptions options = perGroup.get(type.optionsGroup());
            if (options == null) {
                options = type.newOptions();
                perGroup.put(type.optionsGroup(), options);
                command.addMixin("installer-" + type.optionsGroup(), options);
            }
            perInstaller.put(type.name(), options);
        }
        List<String> footer = new ArrayList<>(List.of("", "Installers (-i NAME):"));
        installers.types().forEach(type -> footer.add(String.format("  %-10s %s", type.name(), type.description())));
        command.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    }

    /** Returns the options of installers that are authenticators too ({@code --apache} means {@code -a apache}). */
    List<AuthenticatorPluginOptions> authenticatorPlugins() {
        return perGroup.values().stream().filter(o -> o instanceof AuthenticatorPluginOptions)
                .map(o -> (AuthenticatorPluginOptions) o).toList();
    }

    /** Returns true when any deployment option was given. */
    boolean anyGiven() {
        return installer != null || !verifyServed.isEmpty() || httpsPort != null
                || perInstaller.values().stream().anyMatch(InstallerOptions::anyGiven);
    }

    /**
     * Returns the lineage's deployment: the options given over the remembered one; a pending
     * deployment stays pending.
     *
     * @param remembered        the lineage's deployment
     * @param lineage           the lineage name
     * @param workingDir        resolves relative paths
     * @param installerRequired true when the command must install ({@code run}, {@code install})
     * @throws UsageException when the installer is unknown, missing, or given options of another
     */
    DeploymentSpec resolve(DeploymentSpec remembered, String lineage, Path workingDir, boolean installerRequired) {
        String rememberedName = remembered.installer() == null ? null : remembered.installer().name();
        String chosen = chosenInstaller().orElse(rememberedName);
        InstallerOptions chosenOptions = chosen == null ? null : perInstaller.get(chosen);
        for (Map.Entry<String, InstallerOptions> entry : perInstaller.entrySet()) {
            if (entry.getValue().anyGiven() && entry.getValue() != chosenOptions) {
                throw new UsageException("options of the " + entry.getKey() + " installer were given, but the"
                        + " installer is " + (chosen == null ? "not chosen" : chosen) + "; add -i " + entry.getKey());
            }
        }
        if (chosen == null && installerRequired) {
            throw new UsageException("choose an installer with -i NAME; known installers: "
                    + String.join(", ", registry().names()));
        }
        InstallerSpec spec = remembered.installer();
        if (chosen != null && (!chosen.equals(rememberedName) || perInstaller.get(chosen).anyGiven()
                || httpsPort != null)) {
            InstallerSpec base = chosen.equals(rememberedName) ? remembered.installer() : null;
            spec = perInstaller.get(chosen).resolve(base, new InstallerOptions.Inputs(chosen, lineage, workingDir,
                    httpsPort));
        }
        return new DeploymentSpec(spec, verifyServed.isEmpty() ? remembered.verifyServed() : verifyServed(),
                remembered.pending());
    }

    private Optional<String> chosenInstaller() {
        List<String> chosen = new ArrayList<>();
        if (installer != null) {
            chosen.add(registry().require(installer).name());
        }
        perInstaller.forEach((name, options) -> {
            if (options.choosesInstaller() && !chosen.contains(name)) {
                chosen.add(name);
            }
        });
        if (chosen.size() > 1) {
            throw new UsageException("choose one installer, not " + String.join(" and ", chosen));
        }
        return chosen.stream().findFirst();
    }

    private List<String> verifyServed() {
        List<String> targets = new ArrayList<>();
        for (String value : verifyServed) {
            try {
                targets.add(Endpoint.parse(value).toString());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--verify-served: " + ErrorText.of(e));
            }
        }
        return targets;
    }

    private InstallerRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("installer options were not attached to the command line");
        }
        return registry;
    }
}
