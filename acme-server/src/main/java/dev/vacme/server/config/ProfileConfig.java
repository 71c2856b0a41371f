package dev.vacme.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.ca.Profile;
import dev.vacme.server.ca.Profiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code profiles:} section of the YAML file: a mapping from profile name to its fields. A
 * profile named like a built-in one replaces it; fields left out take the built-in TLS defaults.
 * <pre>
 * default-profile: tlsserver
 * profiles:
 *   internal-client:
 *     description: Client certificates for the payment services
 *     validity: 30d
 *     extended-key-usage: [clientAuth]
 *     key-types: [ecdsa-p256, ecdsa-p384]
 *     max-names: 1
 *     identifier-types: [dns]
 *     accounts: [payments]        # account URLs or external account binding key labels
 * </pre>
 */
final class ProfileConfig {

    /** The fields a profile may have. */
    static final Set<String> FIELDS = Set.of("description", "validity", "backdate", "key-usage",
            "extended-key-usage", "key-types", "max-names", "identifier-types", "accounts");

    private ProfileConfig() {
    }

    /**
     * Builds the offered profiles.
     *
     * @param section            the {@code profiles} mapping, or null when there is none
     * @param serverValidity     the validity of the built-in {@code tlsserver} and {@code tlsclient}
     * @param clientAlsoServer   whether the built-in {@code tlsclient} also gets serverAuth
     * @param defaultName        the configured default, if any ({@code tlsserver} otherwise)
     */
    static Profiles profiles(JsonNode section, Duration serverValidity, boolean clientAlsoServer,
            Optional<String> defaultName) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        Profiles.builtIn(serverValidity, clientAlsoServer).forEach(profile -> profiles.put(profile.name(), profile));
        if (section != null && !section.isNull()) {
            if (!section.isObject()) {
                throw new ConfigException("'profiles' must map profile names to their settings");
            }
            for (var entries = section.fields(); entries.hasNext(); ) {
                var entry = entries.next();
                profiles.put(entry.getKey(), profile(entry.getKey(), entry.getValue()));
            }
        }
        String name = defaultName.orElse(Profile.TLS_SERVER);
        if (!profiles.containsKey(name)) {
            throw new ConfigException("default-profile: '" + name + "' is not a profile; profiles: "
                    + String.join(", ", profiles.keySet()));
        }
        return new Profiles(profiles.values(), name);
    }

    private static Profile profile(String name, JsonNode node) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new ConfigException("profiles: '" + name + "' is not a usable profile name (letters, digits, "
                    + "'.', '_' and '-', up to 64)");
        }
        if (node == null || !node.isObject()) {
            throw new ConfigException("profiles." + name + " must be a mapping of profile settings");
        }
        for (var keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!FIELDS.contains(key)) {
                throw new ConfigException("unknown key '" + key + "' in profiles." + name + "; known keys: "
                        + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        Field field = new Field(name, node);
        Duration validity = field.duration("validity").orElseThrow(() ->
                new ConfigException("profiles." + name + ": 'validity' is required, e.g. 30d"));
        Set<Profile.ExtendedUse> extended = field.names("extended-key-usage", Profile.ExtendedUse.class,
                Profile.ExtendedUse::configName).orElse(EnumSet.of(Profile.ExtendedUse.SERVER_AUTH));
        try {
            return new Profile(name,
                    field.text("description").orElse(name + " certificates, valid for " + field.raw("validity")),
                    validity,
                    field.duration("backdate").orElse(Profile.DEFAULT_BACKDATE),
                    field.names("key-usage", Profile.KeyUse.class, Profile.KeyUse::configName)
                            .orElse(EnumSet.of(Profile.KeyUse.DIGITAL_SIGNATURE, Profile.KeyUse.KEY_ENCIPHERMENT)),
                    extended,
                    field.names("key-types", KeyType.class, KeyType::label).orElse(EnumSet.allOf(KeyType.class)),
                    field.integer("max-names").orElse(Profile.DEFAULT_MAX_NAMES),
                    field.names("identifier-types", IdentifierType.class, IdentifierType::wireName)
                            .orElse(EnumSet.of(IdentifierType.DNS, IdentifierType.IP)),
                    field.strings("accounts").orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Typed access to one profile's fields, with errors naming the profile and the field. */
    private record Field(String profile, JsonNode node) {

        String raw(String key) {
            return node.path(key).asText();
        }

        Optional<String> text(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isValueNode()) {
                throw error(key, "must be a single value");
            }
            return Optional.of(value.asText());
        }

        Optional<Duration> duration(String key) {
            return text(key).map(value -> {
                try {
                    return Durations.parse(value);
                } catch (IllegalArgumentException e) {
                    throw error(key, e.getMessage());
                }
            });
        }

        Optional<Integer> integer(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw error(key, "must be a whole number");
            }
            return Optional.of(value.intValue());
        }

        Optional<List<String>> strings(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            List<String> items = new ArrayList<>();
            if (value.isValueNode()) {
                items.add(value.asText());
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isValueNode()) {
                        throw error(key, "must be a list of strings");
                    }
                    items.add(item.asText());
                }
            } else {
                throw error(key, "must be a list of strings");
            }
            return Optional.of(items);
        }

        <E extends Enum<E>> Optional<Set<E>> names(String key, Class<E> type, Function<E, String> nameOf) {
            List<E> known = Arrays.stream(type.getEnumConstants())
                    .filter(constant -> !nameOf.apply(constant).equals("unknown")).toList();
            return strings(key).map(items -> {
                Set<E> values = EnumSet.noneOf(type);
                for (String item : items) {
                    values.add(known.stream()
                            .filter(constant -> nameOf.apply(constant).equalsIgnoreCase(item))
                            .findFirst()
                            .orElseThrow(() -> error(key, "'" + item + "' is not one of "
                                    + String.join(", ", known.stream().map(nameOf).toList()))));
                }
                return values;
            });
        }

        ConfigException error(String key, String message) {
            return new ConfigException("profiles." + profile + "." + key + ": " + message);
        }
    }
}
