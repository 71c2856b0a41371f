package dev.vacme.server.wfe;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/**
 * Answers requests whose URI has a broken percent-escape before they reach the router, which
 * cannot decode them; the client gets a {@code malformed} problem like any other bad input.
 */
public final class MalformedUris {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private MalformedUris() {
    }

    /**
     * Answers the request if its URI cannot be decoded.
     *
     * @return true when the request was answered and must not be routed
     */
    public static boolean rejected(HttpServerRequest request) {
        String uri = request.uri();
        if (uri == null || !BAD_ESCAPE.matcher(uri).find()) {
            return false;
        }
        request.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(AcmeJson.write(Problem.of(ProblemType.MALFORMED, "the request URI has an invalid %-escape")));
        return true;
    }
}
