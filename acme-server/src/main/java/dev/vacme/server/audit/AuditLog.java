package dev.vacme.server.audit;

import java.util.List;

/**
 * Where the registration authority reports security events (see {@link AuditEvent}): the
 * append-only file of {@code --audit-log}, the metrics that count events, both, or
 * {@link #NONE}. Recording never fails and never blocks the caller.
 */
public interface AuditLog {

    /** Records nothing. */
    AuditLog NONE = event -> {
    };

    /** Records one event. */
    void record(AuditEvent event);

    /** Returns an audit log that records each event in every one of {@code logs}, in order. */
    static AuditLog all(AuditLog... logs) {
        List<AuditLog> targets = List.of(logs);
        return event -> targets.forEach(log -> log.record(event));
    }
}
