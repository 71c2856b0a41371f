package dev.vacme.client.acme;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A resource as fetched, with where it lives and when the server asked to be polled again.
 *
 * @param url        the resource URL
 * @param value      the resource
 * @param retryAfter the server's {@code Retry-After}, or null
 * @param <T>        the resource type
 */
public record Polled<T>(URI url, T value, Instant retryAfter) {

    /** Returns the server's {@code Retry-After}, if it sent one. */
    public Optional<Instant> retryAfterTime() {
        return Optional.ofNullable(retryAfter);
    }
}
