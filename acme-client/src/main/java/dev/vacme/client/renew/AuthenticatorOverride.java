package dev.vacme.client.renew;

import dev.vacme.client.store.AuthenticatorSpec;
import java.util.List;

/**
 * Authenticator options given to {@code renew} (as certbot accepts {@code --webroot -w},
 * {@code --standalone}, {@code --http-01-port} there): applied over each lineage's remembered
 * authenticator, and remembered in its turn once the renewal succeeds.
 */
@FunctionalInterface
public interface AuthenticatorOverride {

    /** No authenticator options: every lineage keeps its own. */
    AuthenticatorOverride NONE = (remembered, domains) -> remembered;

    /**
     * Returns the authenticator to renew a lineage with.
     *
     * @param remembered the lineage's authenticator
     * @param domains    the lineage's names
     * @throws dev.vacme.client.UsageException when the options do not fit the lineage
     */
    AuthenticatorSpec apply(AuthenticatorSpec remembered, List<String> domains);
}
