package dev.vacme.common.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.time.Instant;

/**
 * A RenewalInfo object (RFC 9773 §4.2).
 *
 * @param suggestedWindow when the CA suggests renewing
 * @param explanationURL  a page explaining the window, optional
 */
public record RenewalInfo(SuggestedWindow suggestedWindow, URI explanationURL) {

    /**
     * The suggested renewal window. RFC 9773 §4.2: a window whose end is not after its start is
     * invalid and must be treated as no answer at all.
     *
     * @param start the start of the window
     * @param end   the end of the window
     */
    public record SuggestedWindow(Instant start, Instant end) {

        /** Returns true when both bounds are present and {@code end} is after {@code start}. */
        @JsonIgnore
        public boolean isValid() {
            return start != null && end != null && end.isAfter(start);
        }
    }
}
