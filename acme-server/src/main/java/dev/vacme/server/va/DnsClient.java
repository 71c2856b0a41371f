package dev.vacme.server.va;

import io.vertx.core.Future;
import java.util.List;

/**
 * Asks DNS for the records validation needs beyond addresses: TXT for dns-01 (RFC 8555 §8.4)
 * and CAA (RFC 8659). CNAMEs are followed, as a resolver does for any query.
 *
 * <p>Every answer distinguishes "the name or record does not exist" (an empty list, which
 * validation may act on) from "DNS could not tell" (SERVFAIL, REFUSED, a timeout, a network
 * error): the latter always fails the future with an
 * {@link dev.vacme.server.AcmeProblemException} of type {@code dns}, never turning into "no
 * record", since a CAA set that could not be read must not count as permission to issue.
 * Futures complete on the caller's Vert.x context.
 */
public interface DnsClient {

    /**
     * Returns the TXT records at a name, each record's character-strings joined into one value.
     *
     * @param name an absolute DNS name without the trailing dot, e.g. {@code _acme-challenge.example.com}
     * @return the values; empty when the name does not exist (NXDOMAIN) or has no TXT record
     */
    Future<List<String>> txt(String name);

    /**
     * Returns the CAA records at a name (not climbing the tree: that is {@link CaaChecker}'s job).
     *
     * @return the records; empty when the name does not exist or has no CAA record
     */
    Future<List<CaaRecord>> caa(String name);

    /**
     * A CAA resource record (RFC 8659 §4.1).
     *
     * @param flags the flags octet; bit 7 (128) is Issuer Critical
     * @param tag   the property tag, as published (compare it case-insensitively)
     * @param value the property value
     */
    record CaaRecord(int flags, String tag, String value) {

        /** The Issuer Critical flag (RFC 8659 §4.1). */
        public static final int CRITICAL = 128;

        /** Returns whether the Issuer Critical flag is set. */
        public boolean critical() {
            return (flags & CRITICAL) != 0;
        }
    }
}
