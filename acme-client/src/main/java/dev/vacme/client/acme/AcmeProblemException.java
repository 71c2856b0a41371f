package dev.vacme.client.acme;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import java.net.URI;
import java.util.Objects;

/** The server refused a request with a problem document (RFC 8555 §6.7). */
public class AcmeProblemException extends AcmeException {

    private final Problem problem;
    private final URI requestUrl;

    /** Creates the exception for a problem the server returned for a request to {@code requestUrl}. */
    public AcmeProblemException(Problem problem, URI requestUrl) {
        super(describe(problem));
        this.problem = Objects.requireNonNull(problem, "problem");
        this.requestUrl = requestUrl;
    }

    /** Returns the problem document as the server sent it. */
    public Problem problem() {
        return problem;
    }

    /** Returns the catalogue entry of the problem type, or {@link ProblemType#UNKNOWN}. */
    public ProblemType type() {
        return problem.kind();
    }

    /** Returns the URL the failed request went to, or null when unknown. */
    public URI requestUrl() {
        return requestUrl;
    }

    /** Formats a problem with its subproblems as the operator should read it. */
    public static String describe(Problem problem) {
        StringBuilder text = new StringBuilder();
        ProblemType kind = problem.kind();
        text.append(kind == ProblemType.UNKNOWN ? String.valueOf(problem.type()) : kind.code());
        if (problem.identifier() != null) {
            text.append(" for ").append(problem.identifier().value());
        }
        if (problem.detail() != null && !problem.detail().isBlank()) {
            text.append(": ").append(problem.detail());
        }
        if (problem.subproblems() != null) {
            for (Problem sub : problem.subproblems()) {
                if (!repeats(problem, sub)) {
                    text.append("\n  - ").append(describe(sub));
                }
            }
        }
        return text.toString();
    }

    /**
     * True for the only subproblem when the problem's detail already says all it says, as servers
     * do for a single rejected identifier ("cannot issue for x: reason", then "x: reason"): printing
     * both would tell the operator the same thing twice.
     */
    private static boolean repeats(Problem problem, Problem sub) {
        String detail = problem.detail();
        return problem.subproblems().size() == 1 && detail != null && sub.detail() != null
                && detail.contains(sub.detail())
                && (sub.identifier() == null || detail.contains(sub.identifier().value()))
                && (sub.type() == null || sub.type().equals(problem.type()));
    }
}
