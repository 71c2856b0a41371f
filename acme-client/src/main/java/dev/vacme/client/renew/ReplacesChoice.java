package dev.vacme.client.renew;

import dev.vacme.client.store.CertificateFacts;
import dev.vacme.common.model.Identifier;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * Whether a renewal order may name the certificate it replaces (RFC 9773 §5), and why not.
 * A server refuses {@code replaces} that does not apply, so it is sent only when it can:
 * <ul>
 *   <li>the server offers renewal information and the previous certificate came from it (the
 *       renewalInfo URL recorded with the certificate is the one the server advertises now; a
 *       lineage moved to another CA with {@code --server} does not qualify);</li>
 *   <li>the previous certificate was ordered by the account ordering now (§5: the replaced
 *       certificate must belong to the requesting account; after {@code unregister} and a new
 *       registration it does not). When the account was not recorded, vacme tries, and the
 *       renewer orders again without {@code replaces} if the server refuses;</li>
 *   <li>the new order shares at least one identifier with the previous certificate.</li>
 * </ul>
 *
 * @param ariId  the ARI identifier to send, or null
 * @param reason why it is (not) sent, for {@code -v}
 */
public record ReplacesChoice(String ariId, String reason) {

    /**
     * Decides.
     *
     * @param previous            facts of the certificate being renewed, or null
     * @param previousIdentifiers the identifiers of that certificate (empty when unknown)
     * @param account             the URL of the account ordering now
     * @param renewalInfo         the renewalInfo URL the server advertises, or null
     * @param wanted              the identifiers of the new order
     */
    public static ReplacesChoice decide(CertificateFacts previous, Collection<Identifier> previousIdentifiers,
            URI account, URI renewalInfo, List<Identifier> wanted) {
        if (previous == null || previous.ariId() == null) {
            return none("there is no previous certificate with an ARI identifier");
        }
        if (renewalInfo == null) {
            return none("the server offers no renewal information");
        }
        if (!renewalInfo.equals(previous.renewalInfo())) {
            return none("certificate " + previous.serial() + " was issued by another server");
        }
        if (previous.account() != null && !previous.account().equals(account)) {
            return none("certificate " + previous.serial() + " was ordered by another account ("
                    + previous.account() + ")");
        }
        if (wanted.stream().noneMatch(previousIdentifiers::contains)) {
            return none("the new order shares no name with certificate " + previous.serial());
        }
        return new ReplacesChoice(previous.ariId(), "the order replaces certificate " + previous.serial());
    }

    private static ReplacesChoice none(String reason) {
        return new ReplacesChoice(null, "no 'replaces': " + reason);
    }
}
