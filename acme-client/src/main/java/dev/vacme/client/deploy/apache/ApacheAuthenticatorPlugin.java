package dev.vacme.client.deploy.apache;

import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.challenge.Authenticator;
import dev.vacme.client.challenge.AuthenticatorPlugin;
import dev.vacme.client.hook.HookRunner;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/** Registers the {@code apache} authenticator ({@code -a apache}) with the challenge package. */
public final class ApacheAuthenticatorPlugin implements AuthenticatorPlugin {

    /** Creates the plugin; found through {@code META-INF/services}. */
    public ApacheAuthenticatorPlugin() {
        // Stateless.
    }

    @Override
    public String name() {
        return ApacheSettings.NAME;
    }

    @Override
    public Authenticator create(Map<String, String> settings, int http01Port, HookRunner commands,
            Consumer<String> log) {
        // Apache answers in the plain-HTTP VirtualHosts its configuration has; it is given no port.
        ApacheSettings apache = ApacheSettings.ofAuthenticator(settings);
        return new ApacheAuthenticator(apache, new ApacheControl(apache.ctl(), commands, log), Clock.systemUTC(),
                Sleeper.REAL, log);
    }
}
