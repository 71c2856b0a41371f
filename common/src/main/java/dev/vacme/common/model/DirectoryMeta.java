package dev.vacme.common.model;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory's {@code meta} object (RFC 8555 §7.1.1), with {@code profiles} from the ACME
 * profiles draft.
 *
 * @param termsOfService          the current terms of service
 * @param website                 a page about the CA
 * @param caaIdentities           hostnames the CA recognises in CAA records
 * @param externalAccountRequired whether newAccount needs an external account binding
 * @param profiles                profile names and their descriptions
 */
public record DirectoryMeta(
        URI termsOfService,
        URI website,
        List<String> caaIdentities,
        Boolean externalAccountRequired,
        Map<String, String> profiles) {

    public DirectoryMeta {
        caaIdentities = caaIdentities == null ? null : List.copyOf(caaIdentities);
        profiles = profiles == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    }
}
