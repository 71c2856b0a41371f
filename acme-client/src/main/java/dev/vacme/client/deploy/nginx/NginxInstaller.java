package dev.vacme.client.deploy.nginx;

import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.deploy.nginx.NginxPlan.Target;
import dev.vacme.client.hook.HookRunner;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Installs a lineage into nginx: points the server blocks of its names at
 * {@code live/NAME/fullchain.pem} and {@code privkey.pem} (adding a TLS listener where a block
 * has none), backs up and rewrites the changed files, runs the config test, reloads, and waits
 * until every TLS listener of those blocks serves the new leaf. When any step fails, the files
 * are restored and nginx, if it was reloaded, is reloaded again, so it keeps serving its last
 * good configuration; the failure is then reported with nginx's own words.
 */
public final class NginxInstaller {

    /** How long nginx gets to start serving a new configuration after a reload. */
    public static final Duration DEFAULT_SERVE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);

    private final NginxSettings settings;
    private final NginxControl control;
    private final Path backups;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration serveTimeout;
    private final Consumer<String> log;

    /**
     * Creates the installer.
     *
     * @param runner       runs nginx's commands
     * @param backups      where originals of changed files are copied
     * @param serveTimeout how long to wait for nginx to serve the new certificate after a reload
     * @param log          where each change and step is reported (verbose)
     */
    public NginxInstaller(NginxSettings settings, HookRunner runner, Path backups, Clock clock, Sleeper sleeper,
            Duration serveTimeout, Consumer<String> log) {
        this.settings = settings;
        this.control = new NginxControl(settings, runner);
        this.backups = backups;
        this.clock = clock;
        this.sleeper = sleeper;
        this.serveTimeout = serveTimeout;
        this.log = log;
    }

    /** Returns the settings, to be remembered for renewals. */
    public NginxSettings settings() {
        return settings;
    }

    /**
     * Plans the installation without changing anything.
     *
     * @throws NginxException when the configuration cannot be read or a name has no server block
     */
    public NginxPlan plan(List<String> names, Path fullchain, Path privkey) {
        return NginxPlan.of(settings, names, fullchain, privkey);
    }

    /**
     * Installs and verifies. Does nothing when the configuration already points at the lineage
     * and nginx already serves the leaf.
     *
     * @param leaf the certificate nginx must serve afterwards
     * @return the changes made, one line each (empty when nothing changed)
     * @throws NginxException when it failed; everything is back as it was
     */
    public List<String> install(List<String> names, Path fullchain, Path privkey, X509Certificate leaf) {
        NginxPlan plan = plan(names, fullchain, privkey);
        String expected = ServedCertificates.fingerprint(leaf);
        if (plan.unchanged() && mismatches(plan.targets(), expected).isEmpty()) {
            log.accept("nginx already serves the certificate of " + names.get(0) + "; nothing to change");
            return List.of();
        }
        ConfigChanges changes = ConfigChanges.write(plan.config(), plan.edits().edits(), backups, clock);
        plan.edits().changes().forEach(change -> log.accept("nginx: " + change));
        boolean reloaded = false;
        try {
            control.configTest();
            control.reload();
            reloaded = true;
            awaitServed(plan.targets(), expected);
            return plan.edits().changes();
        } catch (NginxException e) {
            throw rollBack(changes, reloaded, e);
        }
    }

    /**
     * Waits until every target serves the leaf, polling until the timeout.
     *
     * @throws NginxException naming what is served instead
     */
    public void awaitServed(List<Target> targets, String expected) {
        Instant deadline = clock.instant().plus(serveTimeout);
        List<String> mismatches = mismatches(targets, expected);
        while (!mismatches.isEmpty() && clock.instant().isBefore(deadline)) {
            sleeper.sleep(POLL);
            mismatches = mismatches(targets, expected);
        }
        if (!mismatches.isEmpty()) {
            throw new NginxException("nginx does not serve the new certificate (SHA-256 " + expected + ") after "
                    + serveTimeout.toSeconds() + " s: " + String.join("; ", mismatches)
                    + "; nginx's error log may say why");
        }
        targets.forEach(target -> log.accept("nginx serves the new certificate for " + target));
    }

    private List<String> mismatches(List<Target> targets, String expected) {
        List<String> mismatches = new ArrayList<>();
        for (Target target : targets) {
            Optional<String> served = ServedCertificates.fingerprint(target.host(), target.port(), target.sni());
            if (served.isEmpty()) {
                mismatches.add("no TLS handshake with " + target);
            } else if (!served.get().equals(expected)) {
                mismatches.add(target + " serves SHA-256 " + served.get());
            }
        }
        return mismatches;
    }

    private NginxException rollBack(ConfigChanges changes, boolean reloaded, NginxException failure) {
        StringBuilder message = new StringBuilder(failure.getMessage());
        if (!changes.isEmpty()) {
            boolean restored = changes.restore(log);
            message.append(restored ? "\nrestored " : "\ncould not restore all of ")
                    .append(String.join(", ", changes.files().stream().map(f -> f.path().toString()).toList()));
        }
        if (reloaded) {
            try {
                control.configTest();
                control.reload();
                message.append("\nnginx was reloaded with the previous configuration");
            } catch (NginxException e) {
                message.append("\nreloading the previous configuration failed too: ").append(e.getMessage());
            }
        } else {
            message.append("\nnginx was not reloaded and keeps serving its previous configuration");
        }
        return new NginxException(message.toString(), failure);
    }
}
