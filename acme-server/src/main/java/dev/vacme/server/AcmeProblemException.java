package dev.vacme.server;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way server code reports an ACME error: services fail their futures with it, and only
 * the web front end turns it into a problem document (RFC 8555 §6.7). Any other exception reaching
 * the edge becomes {@code serverInternal} with no internals in the detail.
 */
public class AcmeProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Map<String, String> headers;

    /** Creates the exception for a complete problem document. */
    public AcmeProblemException(Problem problem) {
        this(problem, Map.of());
    }

    private AcmeProblemException(Problem problem, Map<String, String> headers) {
        super(problem.toString(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    /** Creates the exception for a problem type with its default status. */
    public static AcmeProblemException of(ProblemType type, String detail) {
        return new AcmeProblemException(Problem.of(type, detail));
    }

    /** Returns the problem document to send. */
    public Problem problem() {
        return problem;
    }

    /** Returns extra response headers, e.g. {@code Location} for a key-change conflict (RFC 8555 §7.3.5). */
    public Map<String, String> headers() {
        return headers;
    }

    /** Returns a copy that also sends the given response header. */
    public AcmeProblemException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AcmeProblemException(problem, more);
    }
}
