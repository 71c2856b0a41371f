package dev.vacme.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vacme run -d NAME ... -a AUTH -i INSTALLER}: obtains a certificate as {@code certonly} does
 * and installs it with the installer, then checks it is served; the installer is remembered so that
 * {@code renew} installs every new version. With a certificate that is not due, it installs the
 * current one (as certbot's {@code run} does).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Obtain a certificate and install it onto a server (-i NAME).")
final class RunCommand extends CertonlyCommand implements InstallingCommand {

    @Mixin
    private DeployOptions deploy;

    @Override
    public DeployOptions deployOptions() {
        return deploy;
    }
}
