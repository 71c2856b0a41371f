package dev.vacme.client.deploy.apache;

import dev.vacme.client.deploy.Installer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.deploy.InstallerType;
import dev.vacme.client.store.InstallerSpec;

/** The {@code apache} installer: VirtualHosts of Apache httpd 2.4.8 or later. */
public final class ApacheInstallerType implements InstallerType {

    /** Creates the type; the registry finds it through {@code META-INF/services}. */
    public ApacheInstallerType() {
        // Stateless.
    }

    @Override
    public String name() {
        return ApacheSettings.NAME;
    }

    @Override
    public String description() {
        return "Apache httpd: SSLCertificateFile/KeyFile in the matching VirtualHosts, config test, graceful reload";
    }

    @Override
    public InstallerOptions newOptions() {
        return new ApacheOptions();
    }

    @Override
    public Installer create(InstallerSpec spec, InstallerContext context) {
        ApacheSettings settings = ApacheSettings.of(spec.settings());
        return new ApacheInstaller(settings, new ApacheControl(settings.ctl(), context.commands(), context.verbose()),
                context.verbose());
    }
}
