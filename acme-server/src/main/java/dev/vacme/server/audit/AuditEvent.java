package dev.vacme.server.audit;

import java.util.List;

/**
 * A security event for the audit log. Each is one JSON line, its fields named as the record's
 * components, plus {@code time} and {@code event}. Events carry identifiers, names, addresses and
 * key thumbprints (RFC 7638 hashes of public keys), never a key, nonce, token or signature.
 */
public sealed interface AuditEvent {

    /** The event's name in the log, e.g. {@code account-created}. */
    String event();

    /**
     * A new account.
     *
     * @param account        the account id
     * @param keyThumbprint  the RFC 7638 thumbprint of its key
     * @param contact        its contact URLs
     */
    record AccountCreated(String account, String keyThumbprint, List<String> contact) implements AuditEvent {
        @Override
        public String event() {
            return "account-created";
        }
    }

    /**
     * An account's contacts or terms-of-service agreement changed.
     *
     * @param account the account id
     * @param contact its contact URLs afterwards
     */
    record AccountUpdated(String account, List<String> contact) implements AuditEvent {
        @Override
        public String event() {
            return "account-updated";
        }
    }

    /**
     * An account was deactivated by its holder.
     *
     * @param account the account id
     */
    record AccountDeactivated(String account) implements AuditEvent {
        @Override
        public String event() {
            return "account-deactivated";
        }
    }

    /**
     * An account's key was replaced (RFC 8555 §7.3.5).
     *
     * @param account          the account id
     * @param oldKeyThumbprint the thumbprint of the key it had
     * @param newKeyThumbprint the thumbprint of the key it has now
     */
    record AccountKeyChanged(String account, String oldKeyThumbprint, String newKeyThumbprint) implements AuditEvent {
        @Override
        public String event() {
            return "account-key-changed";
        }
    }

    /**
     * A new order.
     *
     * @param account     the ordering account
     * @param order       the order id
     * @param identifiers the identifiers, as {@code dns:example.com} or {@code ip:192.0.2.1}
     */
    record OrderCreated(String account, String order, List<String> identifiers) implements AuditEvent {
        @Override
        public String event() {
            return "order-created";
        }
    }

    /**
     * One validation attempt and its outcome.
     *
     * @param account       the account that responded to the challenge
     * @param authorization the authorization id
     * @param challenge     the challenge id
     * @param type          the challenge type, e.g. {@code http-01}
     * @param identifier    the identifier validated, as {@code dns:example.com}
     * @param addresses     the addresses validation connected to, in order
     * @param outcome       {@code valid} or {@code invalid}
     * @param problem       the problem type of an invalid outcome, else null
     * @param detail        the problem's detail of an invalid outcome, else null
     */
    record ValidationAttempted(String account, String authorization, String challenge, String type, String identifier,
            List<String> addresses, String outcome, String problem, String detail) implements AuditEvent {
        @Override
        public String event() {
            return "validation";
        }
    }

    /**
     * A certificate was issued.
     *
     * @param account  the ordering account
     * @param order    the order id
     * @param serial   the serial number in hex
     * @param names    the identifiers in the certificate, as {@code dns:example.com}
     * @param notAfter when it expires (ISO 8601)
     */
    record CertificateIssued(String account, String order, String serial, List<String> names, String notAfter)
            implements AuditEvent {
        @Override
        public String event() {
            return "certificate-issued";
        }
    }

    /**
     * A certificate was revoked.
     *
     * @param serial            the serial number in hex
     * @param reason            the RFC 5280 reason code
     * @param byAccount         the account that asked, when signed with an account key, else null
     * @param byKeyThumbprint   the thumbprint of the certificate key that signed the request, when
     *                          signed with it, else null
     * @param byOperator        true when an operator revoked it with {@code vacme-server admin revoke}, else null
     */
    record CertificateRevoked(String serial, int reason, String byAccount, String byKeyThumbprint, Boolean byOperator)
            implements AuditEvent {
        @Override
        public String event() {
            return "certificate-revoked";
        }
    }
}
