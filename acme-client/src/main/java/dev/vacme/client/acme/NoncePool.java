package dev.vacme.client.acme;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Nonces the server handed out in {@code Replay-Nonce} headers and that have not been used yet
 * (RFC 8555 §6.5). Every response feeds the pool, so a run needs a {@code newNonce} request only
 * at its start or after the pool ran dry; the newest nonce is used first because servers expire
 * old ones.
 */
public final class NoncePool {

    private static final int CAPACITY = 16;

    private final Deque<String> nonces = new ArrayDeque<>();

    /** Takes the newest unused nonce, if any. */
    public synchronized Optional<String> take() {
        return Optional.ofNullable(nonces.pollFirst());
    }

    /** Adds a nonce from a response; the oldest is dropped when the pool is full. */
    public synchronized void offer(String nonce) {
        nonces.addFirst(nonce);
        while (nonces.size() > CAPACITY) {
            nonces.pollLast();
        }
    }

    /** Returns how many nonces are waiting. */
    public synchronized int size() {
        return nonces.size();
    }
}
