package dev.vacme.client.deploy.haproxy;

import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code -i haproxy}. */
public final class HaproxyOptions implements InstallerOptions {

    @Option(names = "--haproxy-crt", paramLabel = "PATH",
            description = "haproxy: the combined PEM (chain and key) to write, as haproxy.cfg's 'crt' names it")
    Path crt;

    @Option(names = "--haproxy-socket", paramLabel = "PATH",
            description = "haproxy: the runtime API socket ('stats socket PATH level admin'); the new certificate"
                    + " goes live through it without a reload")
    Path socket;

    @Option(names = "--haproxy-reload", paramLabel = "CMD",
            description = "haproxy: reload command when there is no socket (default: "
                    + HaproxySettings.DEFAULT_RELOAD + ")")
    String reload;

    @Override
    public boolean anyGiven() {
        return crt != null || socket != null || reload != null;
    }

    @Override
    public InstallerSpec resolve(InstallerSpec remembered, Inputs inputs) {
        HaproxySettings base = remembered == null ? null : HaproxySettings.of(remembered);
        Path file = crt != null ? inputs.workingDir().resolve(crt).toAbsolutePath().normalize()
                : base != null ? base.crt() : null;
        if (file == null) {
            throw new UsageException("-i haproxy needs --haproxy-crt PATH, the combined PEM that haproxy.cfg names"
                    + " in 'crt'");
        }
        Path api = socket != null ? inputs.workingDir().resolve(socket).toAbsolutePath().normalize()
                : base != null ? base.socket() : null;
        String command = reload != null ? reload : base != null ? base.reloadCommand() : HaproxySettings.DEFAULT_RELOAD;
        return new HaproxySettings(file, api, command).toSpec(inputs.installer());
    }
}
