package dev.vacme.server.va;

/**
 * What one HTTP-01 request brought back.
 *
 * @param status   the HTTP status code
 * @param location the {@code Location} header, or null
 * @param body     the body, read only for a 200 answer and never beyond the body limit; else empty
 */
record FetchedResponse(int status, String location, byte[] body) {

    /** Returns true for the statuses HTTP-01 follows: 301, 302, 303, 307, 308. */
    boolean isRedirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
