package dev.vacme.client.deploy.apache;

import dev.vacme.client.hook.HookResult;
import dev.vacme.client.hook.HookRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs Apache's control command ({@code --apache-ctl}, default {@code apache2ctl}) through the
 * shell as {@code CTL -t} and {@code CTL -k graceful}. The command is shell words, so it may carry
 * arguments of its own: {@code /usr/sbin/apache2 -d /srv/web -f /srv/web/httpd.conf} works as well,
 * since httpd itself understands {@code -t} and {@code -k graceful} (the tests drive their own
 * Apache this way). {@code -k graceful} on its own does not test the configuration first, and
 * httpd stops when a graceful restart meets a configuration it cannot load; so {@link #reload}
 * tests first and does not signal Apache when the test fails.
 */
final class ApacheControl {

    /**
     * How a command ended, and the sentence describing a failure.
     *
     * @param result    the command's result
     * @param failure   a description for the operator when it failed, else empty
     * @param notTested true when {@link #reload} did not signal Apache because the test failed
     */
    record Outcome(HookResult result, String failure, boolean notTested) {

        /** Returns true when the command succeeded. */
        boolean ok() {
            return result.succeeded();
        }
    }

    private final String ctl;
    private final HookRunner runner;
    private final Consumer<String> log;

    /**
     * Creates the control.
     *
     * @param ctl    the control command, shell words
     * @param runner runs commands through {@code /bin/sh -c} with a timeout
     * @param log    where verbose messages go
     */
    ApacheControl(String ctl, HookRunner runner, Consumer<String> log) {
        this.ctl = ctl;
        this.runner = runner;
        this.log = log;
    }

    /** Runs {@code CTL -t}. */
    Outcome configTest() {
        return run(ctl + " -t", "Apache's configuration test");
    }

    /** Runs {@code CTL -t -d ROOT -f MAIN}: the test of a copy of the configuration. */
    Outcome configTest(Path serverRoot, Path mainFile) {
        return run(ctl + " -t -d " + quote(serverRoot.toString()) + " -f " + quote(mainFile.toString()),
                "Apache's configuration test of the changed copy");
    }

    /** Runs the configuration test and, only when it passes, {@code CTL -k graceful}. */
    Outcome reload() {
        Outcome test = configTest();
        if (!test.ok()) {
            return new Outcome(test.result(), test.failure() + "\nApache was not reloaded and keeps running"
                    + " with the configuration it had loaded", true);
        }
        return run(ctl + " -k graceful", "Apache's graceful reload");
    }

    private Outcome run(String command, String what) {
        log.accept("running " + command);
        HookResult result = runner.run(command, Map.of());
        return new Outcome(result, result.succeeded() ? "" : runner.describeFailure(what, result), false);
    }

    /** Quotes a word for {@code /bin/sh}. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
