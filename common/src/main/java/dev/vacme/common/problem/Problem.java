package dev.vacme.common.problem;

import dev.vacme.common.model.Identifier;
import java.util.List;

/**
 * A problem document (RFC 7807 as used by RFC 8555 §6.7), served as
 * {@code application/problem+json}.
 *
 * @param type        the error type URN; kept as a string so that unknown types survive a round trip
 * @param title       a short summary, optional
 * @param status      the HTTP status code
 * @param detail      a human-readable explanation specific to this occurrence
 * @param instance    a URL identifying this occurrence, optional
 * @param identifier  the identifier a subproblem concerns (RFC 8555 §6.7.1)
 * @param subproblems per-identifier problems (RFC 8555 §6.7.1)
 * @param algorithms  the accepted algorithms, for {@code badSignatureAlgorithm} (RFC 8555 §6.2)
 */
public record Problem(
        String type,
        String title,
        Integer status,
        String detail,
        String instance,
        Identifier identifier,
        List<Problem> subproblems,
        List<String> algorithms) {

    /** The media type of a problem document. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        subproblems = subproblems == null || subproblems.isEmpty() ? null : List.copyOf(subproblems);
        algorithms = algorithms == null ? null : List.copyOf(algorithms);
    }

    /** Creates a problem of the given type with its default status. */
    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.urn(), null, type.defaultStatus(), detail, null, null, null, null);
    }

    /** Returns the catalogue entry for {@link #type()}, or {@link ProblemType#UNKNOWN}. */
    public ProblemType kind() {
        return ProblemType.fromUrn(type);
    }

    /** Returns a copy with another HTTP status. */
    public Problem withStatus(int newStatus) {
        return new Problem(type, title, newStatus, detail, instance, identifier, subproblems, algorithms);
    }

    /** Returns a copy that names the identifier this (sub)problem is about. */
    public Problem withIdentifier(Identifier newIdentifier) {
        return new Problem(type, title, status, detail, instance, newIdentifier, subproblems, algorithms);
    }

    /** Returns a copy with the given subproblems. */
    public Problem withSubproblems(List<Problem> newSubproblems) {
        return new Problem(type, title, status, detail, instance, identifier, newSubproblems, algorithms);
    }

    /** Returns a copy listing the accepted signature algorithms. */
    public Problem withAlgorithms(List<String> newAlgorithms) {
        return new Problem(type, title, status, detail, instance, identifier, subproblems, newAlgorithms);
    }

    @Override
    public String toString() {
        return type + (status == null ? "" : " (" + status + ")") + (detail == null ? "" : ": " + detail);
    }
}
