package dev.vacme.client.store;

import java.net.URI;
import java.time.Instant;

/**
 * What the server last said about when to renew (RFC 9773 §4.2), and when to ask again (§4.3).
 *
 * @param start       start of the suggested window, or null when no valid window is known
 * @param end         end of the suggested window, or null
 * @param selected    the random point in the window chosen once for this window (§4.2)
 * @param nextCheck   when renewal information may be fetched again (Retry-After, or six hours
 *                    after an error)
 * @param explanation the server's explanation URL, or null
 */
public record AriWindow(Instant start, Instant end, Instant selected, Instant nextCheck, URI explanation) {

    /** Returns true when a window and its chosen point are known. */
    public boolean hasWindow() {
        return start != null && end != null && selected != null;
    }
}
