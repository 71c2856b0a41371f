package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.ca.Profile;
import dev.vacme.server.ca.Profiles;
import dev.vacme.server.store.StoredAccount;
import io.vertx.core.Future;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which profile an order gets (draft-ietf-acme-profiles §4): the one named in newOrder, else the
 * default; refused with {@code invalidProfile} when the name is unknown or the account may not use
 * it, and with {@code rejectedIdentifier} when the identifiers do not fit it. At finalize, the
 * CSR's key must be one of the profile's key types.
 */
public final class ProfilePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilePolicy.class);

    private final Profiles profiles;
    private final Function<String, String> accountUrl;
    private final Function<String, Future<Optional<String>>> eabLabel;

    /**
     * @param profiles   the offered profiles
     * @param accountUrl the URL of an account by id, as profiles' account lists name them
     * @param eabLabel   the label of an external account binding key by key id, if it has one
     */
    public ProfilePolicy(Profiles profiles, Function<String, String> accountUrl,
            Function<String, Future<Optional<String>>> eabLabel) {
        this.profiles = profiles;
        this.accountUrl = accountUrl;
        this.eabLabel = eabLabel;
    }

    /** Resolves the newOrder {@code profile} value for the account and the (normalized) identifiers. */
    public Future<Profile> choose(StoredAccount account, String requested, List<Identifier> identifiers) {
        Profile profile;
        if (requested == null) {
            profile = profiles.defaultProfile();
        } else {
            profile = profiles.find(requested).orElseThrow(() -> AcmeProblemException.of(ProblemType.INVALID_PROFILE,
                    "unknown profile \"" + requested + "\"; this server offers: "
                            + String.join(", ", profiles.names())));
        }
        checkIdentifiers(profile, identifiers);
        return mayUse(account, profile).map(allowed -> {
            if (!allowed) {
                throw AcmeProblemException.of(ProblemType.INVALID_PROFILE,
                        "this account may not use profile \"" + profile.name() + "\"; ask the CA's operator");
            }
            return profile;
        });
    }

    /** The profile of a stored order; one an operator has removed since falls back to the default. */
    public Profile of(String name) {
        if (name == null) {
            return profiles.defaultProfile();
        }
        return profiles.find(name).orElseGet(() -> {
            LOG.warn("profile {} of an order is no longer configured; issuing under the default {}", name,
                    profiles.defaultProfile().name());
            return profiles.defaultProfile();
        });
    }

    /**
     * Checks a CSR key against the profile's key types.
     *
     * @throws AcmeProblemException {@code badCSR} naming the accepted types
     */
    public static void checkKey(Profile profile, PublicKey key) {
        Optional<KeyType> type = KeyType.of(key);
        if (type.isEmpty() || !profile.allowedKeyTypes().contains(type.get())) {
            throw AcmeProblemException.of(ProblemType.BAD_CSR, "profile \"" + profile.name() + "\" accepts "
                    + profile.allowedKeyTypes().stream().map(KeyType::label).sorted().collect(Collectors.joining(", "))
                    + " keys, not " + type.map(KeyType::label).orElse(key.getAlgorithm()));
        }
    }

    private static void checkIdentifiers(Profile profile, List<Identifier> identifiers) {
        if (identifiers.size() > profile.maxNames()) {
            throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER, "profile \"" + profile.name()
                    + "\" allows at most " + profile.maxNames() + " identifiers per certificate, not "
                    + identifiers.size());
        }
        for (Identifier identifier : identifiers) {
            if (!profile.identifierTypes().contains(identifier.type())) {
                throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER, "profile \"" + profile.name()
                        + "\" does not issue for " + identifier.type().wireName() + " identifiers such as "
                        + identifier.value());
            }
        }
    }

    private Future<Boolean> mayUse(StoredAccount account, Profile profile) {
        if (profile.openToEveryAccount()) {
            return Future.succeededFuture(true);
        }
        if (profile.allowedAccounts().contains(accountUrl.apply(account.id()))) {
            return Future.succeededFuture(true);
        }
        if (account.eabKeyId() == null) {
            return Future.succeededFuture(false);
        }
        return eabLabel.apply(account.eabKeyId())
                .map(label -> label.filter(profile.allowedAccounts()::contains).isPresent());
    }
}
