package dev.vacme.client.deploy.nginx;

import dev.vacme.client.hook.HookResult;
import dev.vacme.client.hook.HookRunner;
import java.util.Map;

/**
 * Runs nginx's own commands: {@code CTL -c CONF -t} (the config test) and
 * {@code CTL -c CONF -s reload}. The command line goes through the shell like a hook, so that
 * {@code --nginx-ctl} may carry its own options ({@code nginx -p PREFIX}).
 */
public final class NginxControl {

    private final NginxSettings settings;
    private final HookRunner runner;

    /** Creates the control for one nginx. */
    public NginxControl(NginxSettings settings, HookRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    /**
     * Runs the config test.
     *
     * @throws NginxException with nginx's own output when the configuration does not pass
     */
    public void configTest() {
        HookResult result = run("-t");
        if (!result.succeeded()) {
            throw new NginxException("the nginx config test failed (" + command("-t") + "):\n"
                    + indent(result.output()));
        }
    }

    /**
     * Tells the running nginx to reload its configuration. nginx answers at once; its new workers
     * start a moment later, so the caller waits until the new configuration is served.
     *
     * @throws NginxException when nginx cannot be told, e.g. because it is not running
     */
    public void reload() {
        HookResult result = run("-s reload");
        if (!result.succeeded()) {
            throw new NginxException("cannot reload nginx (" + command("-s reload") + "); is it running?\n"
                    + indent(result.output()));
        }
    }

    private HookResult run(String action) {
        return runner.run(command(action), Map.of());
    }

    /** Returns the shell command line for an action. */
    String command(String action) {
        return settings.ctl() + " -c " + shellQuote(settings.configFile().toString()) + " " + action;
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\n", "\n    ");
    }
}
