package dev.vacme.client.store;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Everything about a lineage that is not its PEM files: how to renew it (server, names,
 * authenticator, key settings, hooks) and what vacme last learnt about it (certificate facts,
 * ARI window). Kept in {@code renewal/NAME.conf}, see {@link RenewalConfCodec}.
 *
 * @param server        the ACME directory URL
 * @param domains       the names, in order
 * @param authenticator how to answer challenges
 * @param key           key settings
 * @param hooks         pre, post and deploy hooks
 * @param certificate   facts about the current version, or null before the first version
 * @param ari           renewal information state, or null when none was fetched
 * @param deployment    where each new version is installed and checked, and any deployment owed
 * @param profile       the certificate profile to ask for
 * @param preferredChain the common name of the issuer whose chain to prefer among the server's
 *                      alternates (certbot's {@code preferred_chain}), or null for the default chain
 */
public record RenewalConf(
        URI server,
        List<String> domains,
        AuthenticatorSpec authenticator,
        KeySpec key,
        HookSpec hooks,
        CertificateFacts certificate,
        AriWindow ari,
        DeploymentSpec deployment,
        ProfileChoice profile,
        String preferredChain) {

    public RenewalConf {
        preferredChain = preferredChain == null || preferredChain.isBlank() ? null : preferredChain;
        profile = profile == null ? ProfileChoice.DEFAULT : profile;
        Objects.requireNonNull(server, "server");
        domains = List.copyOf(domains);
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(key, "key");
        hooks = hooks == null ? HookSpec.NONE : hooks;
        deployment = deployment == null ? DeploymentSpec.NONE : deployment;
    }

    /** Creates a configuration of a lineage that is only stored, not deployed. */
    public RenewalConf(URI server, List<String> domains, AuthenticatorSpec authenticator, KeySpec key, HookSpec hooks,
            CertificateFacts certificate, AriWindow ari) {
        this(server, domains, authenticator, key, hooks, certificate, ari, DeploymentSpec.NONE);
    }

    /** Creates a configuration that keeps the server's default chain. */
    public RenewalConf(URI server, List<String> domains, AuthenticatorSpec authenticator, KeySpec key, HookSpec hooks,
            CertificateFacts certificate, AriWindow ari, DeploymentSpec deployment, ProfileChoice profile) {
        this(server, domains, authenticator, key, hooks, certificate, ari, deployment, profile, null);
    }

    /** Creates a configuration that asks for the server's default profile. */
    public RenewalConf(URI server, List<String> domains, AuthenticatorSpec authenticator, KeySpec key, HookSpec hooks,
            CertificateFacts certificate, AriWindow ari, DeploymentSpec deployment) {
        this(server, domains, authenticator, key, hooks, certificate, ari, deployment, ProfileChoice.DEFAULT);
    }

    /** Returns a copy that asks for another profile. */
    public RenewalConf withProfile(ProfileChoice newProfile) {
        return new RenewalConf(server, domains, authenticator, key, hooks, certificate, ari, deployment, newProfile,
                preferredChain);
    }

    /** Returns a copy that prefers the chain of another issuer, or the default chain for null. */
    public RenewalConf withPreferredChain(String issuer) {
        return new RenewalConf(server, domains, authenticator, key, hooks, certificate, ari, deployment, profile,
                issuer);
    }

    /** Returns a copy with new certificate facts and no ARI state (a new certificate has its own). */
    public RenewalConf withCertificate(CertificateFacts facts) {
        return new RenewalConf(server, domains, authenticator, key, hooks, facts, null, deployment, profile,
                preferredChain);
    }

    /** Returns a copy with the given ARI state. */
    public RenewalConf withAri(AriWindow window) {
        return new RenewalConf(server, domains, authenticator, key, hooks, certificate, window, deployment, profile,
                preferredChain);
    }

    /** Returns a copy that talks to another ACME server. */
    public RenewalConf withServer(URI newServer) {
        return new RenewalConf(newServer, domains, authenticator, key, hooks, certificate, ari, deployment, profile,
                preferredChain);
    }

    /** Returns a copy that proves control of the names in another way. */
    public RenewalConf withAuthenticator(AuthenticatorSpec newAuthenticator) {
        return new RenewalConf(server, domains, newAuthenticator, key, hooks, certificate, ari, deployment, profile,
                preferredChain);
    }

    /** Returns a copy with other hooks. */
    public RenewalConf withHooks(HookSpec newHooks) {
        return new RenewalConf(server, domains, authenticator, key, newHooks, certificate, ari, deployment, profile,
                preferredChain);
    }

    /** Returns a copy deployed another way (or with its pending deployment settled). */
    public RenewalConf withDeployment(DeploymentSpec newDeployment) {
        return new RenewalConf(server, domains, authenticator, key, hooks, certificate, ari, newDeployment, profile,
                preferredChain);
    }
}
