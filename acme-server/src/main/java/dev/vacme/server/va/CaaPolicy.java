package dev.vacme.server.va;

import dev.vacme.server.va.DnsClient.CaaRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a relevant CAA record set (RFC 8659 §3) lets this CA issue: the property tags
 * of RFC 8659 §4 and the {@code accounturi} and {@code validationmethods} parameters of
 * RFC 8657. Pure: the tree climbing and DNS are {@link CaaChecker}'s.
 */
public final class CaaPolicy {

    /** Property tags this CA understands; a critical record with any other tag forbids issuance (§4.1). */
    private static final Set<String> KNOWN_TAGS = Set.of("issue", "issuewild", "iodef", "issuemail", "issuevmc",
            "contactemail", "contactphone");

    private final List<String> identities;

    /**
     * Creates the policy.
     *
     * @param identities the issuer domain names that mean this CA ({@code --caa-identity}); may be empty,
     *                   in which case only a set without issue/issuewild restrictions permits issuance
     */
    public CaaPolicy(List<String> identities) {
        this.identities = identities.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Evaluates a relevant record set.
     *
     * @param records    the relevant set (empty: no CAA anywhere up the tree)
     * @param wildcard   whether the certificate will carry a wildcard name
     * @param accountUri the URL of the requesting account
     * @param method     the validation method used, e.g. {@code dns-01}
     * @return empty when issuance is permitted, else why not
     */
    public Optional<String> refusal(List<CaaRecord> records, boolean wildcard, String accountUri, String method) {
        for (CaaRecord record : records) {
            if (record.critical() && !KNOWN_TAGS.contains(record.tag().toLowerCase(Locale.ROOT))) {
                return Optional.of("a CAA record has the unknown tag \"" + record.tag()
                        + "\" marked critical, which forbids issuance");
            }
        }
        List<CaaRecord> issueWild = withTag(records, "issuewild");
        List<CaaRecord> relevant = wildcard && !issueWild.isEmpty() ? issueWild : withTag(records, "issue");
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (CaaRecord record : relevant) {
            Optional<String> mismatch = mismatch(record.value(), accountUri, method);
            if (mismatch.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(mismatch.get());
        }
        return Optional.of("the CAA " + relevant.get(0).tag().toLowerCase(Locale.ROOT) + " records permit only: "
                + String.join("; ", reasons) + " (this CA is " + (identities.isEmpty() ? "configured with no CAA identity"
                        : String.join(", ", identities)) + ")");
    }

    /** Returns why one issue/issuewild value does not authorize this request, or empty when it does. */
    private Optional<String> mismatch(String value, String accountUri, String method) {
        String[] parts = value.split(";", -1);
        String issuer = parts[0].strip().toLowerCase(Locale.ROOT);
        if (issuer.isEmpty()) {
            return Optional.of("no CA (\"" + value.strip() + "\")");
        }
        if (!identities.contains(issuer)) {
            return Optional.of(issuer);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (parameter.isEmpty()) {
                continue;
            }
            if (equals <= 0) {
                return Optional.of(issuer + " with a malformed parameter \"" + parameter + "\"");
            }
            parameters.put(parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                    parameter.substring(equals + 1).strip());
        }
        String account = parameters.get("accounturi");
        if (account != null && !account.equals(accountUri)) {
            return Optional.of(issuer + " for account " + account + " only, not " + accountUri);
        }
        String methods = parameters.get("validationmethods");
        if (methods != null && Arrays.stream(methods.split(",")).map(String::strip).noneMatch(method::equals)) {
            return Optional.of(issuer + " with validation methods " + methods + " only, not " + method);
        }
        return Optional.empty();
    }

    private static List<CaaRecord> withTag(List<CaaRecord> records, String tag) {
        return records.stream().filter(record -> record.tag().equalsIgnoreCase(tag)).collect(Collectors.toList());
    }
}
