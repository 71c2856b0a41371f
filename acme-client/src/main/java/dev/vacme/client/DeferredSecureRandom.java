package dev.vacme.client;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * The process's {@link SecureRandom}, created on first use. {@code new SecureRandom()} reads the
 * JDK's security configuration and sets up its providers, some tens of milliseconds of a run
 * that may never need randomness: {@code vacme --version}, or a {@code renew} with nothing due.
 * The first call that needs random bytes creates the JDK's default {@code SecureRandom} (the same
 * one {@code new SecureRandom()} gives) and every call after it goes there.
 */
final class DeferredSecureRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    /** Creates it; nothing of the JDK's security set-up runs until random bytes are asked for. */
    DeferredSecureRandom() {
        super(new DeferredSpi(), null);
    }

    /** Delegates to the default {@code SecureRandom}, made by the first call. */
    private static final class DeferredSpi extends SecureRandomSpi {

        private static final long serialVersionUID = 1L;

        private transient volatile SecureRandom delegate;

        private SecureRandom delegate() {
            SecureRandom current = delegate;
            if (current == null) {
                synchronized (this) {
                    current = delegate;
                    if (current == null) {
                        current = new SecureRandom();
                        delegate = current;
                    }
                }
            }
            return current;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            delegate().setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            delegate().nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return delegate().generateSeed(numBytes);
        }
    }
}
