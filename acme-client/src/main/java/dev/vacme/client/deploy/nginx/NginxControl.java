package dev.vacme.client.deploy.nginx;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.hook.HookException;
import dev.vacme.client.hook.HookResult;
import dev.vacme.client.hook.HookRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs nginx's own commands: {@code CTL -c CONF -t} (the config test) and
 * {@code CTL -c CONF -s reload}. The command line goes through the shell like a hook, so that
 * {@code --nginx-ctl} may carry its own options ({@code nginx -p PREFIX}).
 */
public final class NginxControl {

    private final NginxSettings settings;
    private final HookRunner runner;
    private final Consumer<String> verbose;

    /**
     * Creates the control for one nginx.
     *
     * @param runner  runs the commands, with a timeout
     * @param verbose where each command line is reported
     */
    public NginxControl(NginxSettings settings, HookRunner runner, Consumer<String> verbose) {
        this.settings = settings;
        this.runner = runner;
        this.verbose = verbose;
    }

    /**
     * Runs the config test.
     *
     * @throws NginxException with nginx's own output when the configuration does not pass
     */
    public void configTest() {
        configTest(settings.configFile());
    }

    /**
     * Runs the config test of another main file (a copy, for a dry run).
     *
     * @throws NginxException with nginx's own output when the configuration does not pass
     */
    public void configTest(Path configFile) {
        String command = command(configFile, "-t");
        HookResult result = run(command);
        if (!result.succeeded()) {
            throw new NginxException("the nginx config test failed (" + command + "):\n" + indent(result.output()));
        }
    }

    /**
     * Tells the running nginx to reload its configuration. nginx answers at once; its new workers
     * start a moment later, so the caller waits until the new configuration is served. The config
     * test runs first, since {@code -s reload} fails the same way when the configuration is broken
     * and its output would then wrongly suggest that nginx is not running.
     *
     * @throws NginxException when the configuration does not pass the test (nginx keeps running
     *                        with the configuration it has) or nginx cannot be signalled
     */
    public void reload() {
        String test = command(settings.configFile(), "-t");
        HookResult tested = run(test);
        if (!tested.succeeded()) {
            throw new NginxException("nginx was not reloaded: its configuration does not pass the config test (" + test
                    + "), so it keeps running with the configuration it has:\n" + indent(tested.output()));
        }
        String command = command(settings.configFile(), "-s reload");
        HookResult result = run(command);
        if (!result.succeeded()) {
            throw new NginxException("cannot reload nginx (" + command + "); is it running?\n"
                    + indent(result.output()));
        }
    }

    private HookResult run(String command) {
        verbose.accept("running " + command);
        try {
            return runner.run(command, Map.of());
        } catch (HookException e) {
            throw new NginxException("cannot run " + command + ": " + ErrorText.of(e), e);
        }
    }

    /** Returns the shell command line for an action on a main file. */
    String command(Path configFile, String action) {
        return settings.ctl() + " -c " + InstallerContext.quote(configFile.toString()) + " " + action;
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\n", "\n    ");
    }
}
