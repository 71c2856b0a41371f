package dev.vacme.server.ra;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks account contacts (RFC 8555 §7.3): only {@code mailto:} URLs, each with exactly one
 * address and no header fields (RFC 6068), whose domain is a plausible DNS name.
 */
public final class ContactPolicy {

    private static final int MAX_CONTACTS = 10;
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private ContactPolicy() {
    }

    /**
     * Validates contacts.
     *
     * @return the contacts as given, or an empty list for null
     * @throws AcmeProblemException {@code unsupportedContact} for another scheme, {@code invalidContact}
     *                              for a malformed mailto URL
     */
    public static List<String> check(List<String> contacts) {
        if (contacts == null) {
            return List.of();
        }
        if (contacts.size() > MAX_CONTACTS) {
            throw AcmeProblemException.of(ProblemType.INVALID_CONTACT,
                    "at most " + MAX_CONTACTS + " contacts are accepted");
        }
        contacts.forEach(ContactPolicy::checkOne);
        return contacts;
    }

    private static void checkOne(String contact) {
        if (contact == null || !contact.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            throw AcmeProblemException.of(ProblemType.UNSUPPORTED_CONTACT,
                    "contact '" + contact + "' is not supported; only mailto: URLs are accepted");
        }
        String address = contact.substring("mailto:".length());
        if (address.contains("?")) {
            throw AcmeProblemException.of(ProblemType.INVALID_CONTACT,
                    "contact '" + contact + "' must not have header fields (RFC 8555 §7.3)");
        }
        if (address.contains(",") || address.contains("%2C") || address.contains("%2c")) {
            throw AcmeProblemException.of(ProblemType.INVALID_CONTACT,
                    "contact '" + contact + "' must hold exactly one address (RFC 8555 §7.3)");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || !LOCAL_PART.matcher(address.substring(0, at)).matches()
                || !DOMAIN.matcher(address.substring(at + 1)).matches()) {
            throw AcmeProblemException.of(ProblemType.INVALID_CONTACT,
                    "contact '" + contact + "' is not a valid email address");
        }
    }
}
