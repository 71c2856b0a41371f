package dev.vacme.client.deploy.haproxy;

import dev.vacme.client.deploy.Installer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.deploy.InstallerType;
import dev.vacme.client.store.InstallerSpec;

/** {@code -i haproxy}: the chain and key as one PEM, made live through the runtime API or a reload. */
public final class HaproxyInstallerType implements InstallerType {

    /** Creates the type (found by the service loader). */
    public HaproxyInstallerType() {
    }

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public String description() {
        return "HAProxy: chain and key as one PEM; runtime API or reload";
    }

    @Override
    public InstallerOptions newOptions() {
        return new HaproxyOptions();
    }

    @Override
    public Installer create(InstallerSpec spec, InstallerContext context) {
        return new HaproxyInstaller(HaproxySettings.of(spec), context, new HaproxyRuntimeApi(
                java.time.Duration.ofSeconds(10)));
    }
}
