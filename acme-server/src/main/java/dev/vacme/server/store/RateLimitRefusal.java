package dev.vacme.server.store;

import java.time.Instant;

/**
 * Why {@link Store#admitRateLimitEvents} recorded nothing: one subject's window was already full.
 *
 * @param subject the first subject (in sorted order) whose window held {@code count} events
 * @param oldest  when the oldest of its counted events happened; the window frees a slot once
 *                that event leaves it
 */
public record RateLimitRefusal(String subject, Instant oldest) {
}
