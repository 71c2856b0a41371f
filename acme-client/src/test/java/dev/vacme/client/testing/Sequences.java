package dev.vacme.client.testing;

import dev.vacme.client.Reporter;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.deploy.Deployer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.deploy.InstallerRegistry;
import dev.vacme.client.deploy.InstallerType;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.hook.LifecycleHooks;
import dev.vacme.client.store.LineageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Builds the post-issuance sequence for tests that construct runs directly. */
public final class Sequences {

    private Sequences() {
    }

    /** Returns a deployer over the given installer types, with a short handshake timeout. */
    public static Deployer deployer(List<InstallerType> types, HookRunner commands, Reporter reporter, Clock clock,
            Sleeper sleeper) {
        return new Deployer(new InstallerRegistry(types), new InstallerContext(commands, clock, sleeper,
                reporter::verbose, commands == null ? null : java.nio.file.Path.of(".")),
                new ServedCertificateVerifier(Duration.ofSeconds(2), Duration.ofSeconds(2), clock, sleeper), reporter);
    }

    /** Returns the sequence with the given installer types. */
    public static PostIssuance postIssuance(List<InstallerType> types, LineageStore store, HookRunner commands,
            Reporter reporter, Clock clock, Sleeper sleeper) {
        return new PostIssuance(new LifecycleHooks(commands, reporter::verbose),
                deployer(types, commands, reporter, clock, sleeper), store, reporter, clock, "test");
    }
}
