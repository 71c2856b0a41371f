package dev.vacme.client.store;

import java.util.Map;
import java.util.Optional;

/**
 * Which certificate profile (draft-ietf-acme-profiles) a lineage asks for, as certbot's
 * {@code --required-profile} and {@code --preferred-profile} name it.
 *
 * @param name     the profile name, or null for the server's default
 * @param required true: always ask for it, so the server refuses when it does not offer it;
 *                 false: ask for it only when the directory lists it, else take the default
 */
public record ProfileChoice(String name, boolean required) {

    /** The server's default profile. */
    public static final ProfileChoice DEFAULT = new ProfileChoice(null, false);

    /**
     * The {@code profile} to put in newOrder.
     *
     * @param offered the directory's {@code meta.profiles}, or null when it lists none
     * @return the name, or empty for the server's default
     */
    public Optional<String> forOrder(Map<String, String> offered) {
        if (name == null) {
            return Optional.empty();
        }
        if (required || (offered != null && offered.containsKey(name))) {
            return Optional.of(name);
        }
        return Optional.empty();
    }

    /** How {@code certificates} shows it. */
    public String describe() {
        if (name == null) {
            return "server default";
        }
        return name + (required ? " (required)" : " (preferred)");
    }
}
