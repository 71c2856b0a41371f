package dev.vacme.client.challenge;

import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.store.AuthenticatorSpec;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/** Builds the authenticator a lineage's configuration names. */
public final class Authenticators {

    private Authenticators() {
    }

    /** Creates a fresh authenticator for one issuance. */
    public static Authenticator create(AuthenticatorSpec spec, HookRunner hooks, Consumer<String> log) {
        return switch (spec.kind()) {
            case STANDALONE -> new StandaloneAuthenticator(spec.http01Address(), spec.http01Port(),
                    spec.challengeTypes(), spec.tlsAlpn01Address(), spec.tlsAlpn01Port(), log);
            case WEBROOT -> new WebrootAuthenticator(spec.webroots(), log);
            case MANUAL -> new ManualAuthenticator(spec.challengeTypes(), spec.manualAuthHook(),
                    spec.manualCleanupHook(), hooks, log);
            case APACHE, NGINX -> plugin(spec.kind().label()).create(spec.settings(), spec.http01Port(), hooks, log);
        };
    }

    private static AuthenticatorPlugin plugin(String name) {
        return ServiceLoader.load(AuthenticatorPlugin.class, AuthenticatorPlugin.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AuthenticatorException("the " + name + " authenticator is not part of this"
                        + " build of vacme"));
    }
}
