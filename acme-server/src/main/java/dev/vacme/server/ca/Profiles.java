package dev.vacme.server.ca;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles this CA offers, by name, and the one an order without {@code profile} gets.
 */
public final class Profiles {

    private final Map<String, Profile> byName;
    private final Profile defaultProfile;

    /**
     * Creates the set.
     *
     * @param profiles       the profiles, in the order the directory lists them; names are unique
     * @param defaultProfile the name of the default, one of {@code profiles}
     * @throws IllegalArgumentException when a name repeats or the default is not among them
     */
    public Profiles(Collection<Profile> profiles, String defaultProfile) {
        Map<String, Profile> map = new LinkedHashMap<>();
        for (Profile profile : profiles) {
            if (map.putIfAbsent(profile.name(), profile) != null) {
                throw new IllegalArgumentException("profile " + profile.name() + " is defined twice");
            }
        }
        this.byName = map;
        this.defaultProfile = Optional.ofNullable(map.get(defaultProfile)).orElseThrow(() ->
                new IllegalArgumentException("the default profile " + defaultProfile + " is not defined; defined: "
                        + String.join(", ", map.keySet())));
    }

    /**
     * The built-in profiles: {@code tlsserver} (the default; serverAuth for {@code serverValidity}),
     * {@code tlsclient} (clientAuth, plus serverAuth when {@code clientAlsoServer}, for
     * {@code serverValidity}) and {@code shortlived} (serverAuth for 7 days).
     */
    public static List<Profile> builtIn(Duration serverValidity, boolean clientAlsoServer) {
        List<Profile> profiles = new ArrayList<>();
        profiles.add(Profile.tls(Profile.TLS_SERVER, "TLS server certificate, valid for " + days(serverValidity),
                EnumSet.of(Profile.ExtendedUse.SERVER_AUTH), serverValidity));
        profiles.add(Profile.tls(Profile.TLS_CLIENT, clientAlsoServer
                        ? "TLS client and server certificate for mutual TLS, valid for " + days(serverValidity)
                        : "TLS client certificate for mutual TLS, valid for " + days(serverValidity),
                clientAlsoServer
                        ? EnumSet.of(Profile.ExtendedUse.CLIENT_AUTH, Profile.ExtendedUse.SERVER_AUTH)
                        : EnumSet.of(Profile.ExtendedUse.CLIENT_AUTH), serverValidity));
        profiles.add(Profile.tls(Profile.SHORT_LIVED, "Short-lived TLS server certificate, valid for 7 days; "
                + "renew with ARI", EnumSet.of(Profile.ExtendedUse.SERVER_AUTH), Duration.ofDays(7)));
        return profiles;
    }

    /** The built-in profiles alone, with {@code tlsserver} as the default. */
    public static Profiles defaults(Duration serverValidity) {
        return new Profiles(builtIn(serverValidity, false), Profile.TLS_SERVER);
    }

    /** Finds a profile by name. */
    public Optional<Profile> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The profile of orders that name none. */
    public Profile defaultProfile() {
        return defaultProfile;
    }

    /** Every profile, in directory order. */
    public Collection<Profile> all() {
        return byName.values();
    }

    /** The names, in directory order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The longest validity of any profile, which the intermediate must outlive. */
    public Duration longestValidity() {
        return byName.values().stream().map(Profile::validity).max(Duration::compareTo).orElseThrow();
    }

    /** Name to description, for the directory's {@code meta.profiles}. */
    public Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        byName.values().forEach(profile -> descriptions.put(profile.name(), profile.description()));
        return descriptions;
    }

    private static String days(Duration validity) {
        long days = validity.toDays();
        if (days * 86_400 == validity.toSeconds()) {
            return days + (days == 1 ? " day" : " days");
        }
        return validity.toHours() + " hours";
    }
}
