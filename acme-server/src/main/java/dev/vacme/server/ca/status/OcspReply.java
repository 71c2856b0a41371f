package dev.vacme.server.ca.status;

import java.time.Instant;
import java.util.Optional;

/**
 * An OCSP response ready to send, with what HTTP caches need to know about it.
 *
 * @param der        the OCSPResponse, DER encoded
 * @param cacheable  when any client may be given these bytes until {@code nextUpdate} (no nonce)
 * @param thisUpdate the response's thisUpdate, when it is cacheable
 * @param nextUpdate the response's nextUpdate, when it is cacheable
 * @param etag       a strong validator of the bytes, when it is cacheable
 */
public record OcspReply(byte[] der, boolean cacheable, Optional<Instant> thisUpdate, Optional<Instant> nextUpdate,
        Optional<String> etag) {

    /** A reply for one client only (signed with its nonce, or an error). */
    static OcspReply once(byte[] der) {
        return new OcspReply(der, false, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
