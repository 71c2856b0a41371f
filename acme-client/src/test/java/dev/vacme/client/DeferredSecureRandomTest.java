package dev.vacme.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The process's randomness, set up on first use, gives what the JDK's default one gives. */
class DeferredSecureRandomTest {

    @Test
    void givesRandomBytesFromItsFirstUse() {
        DeferredSecureRandom random = new DeferredSecureRandom();

        byte[] first = new byte[32];
        byte[] second = new byte[32];
        random.nextBytes(first);
        random.nextBytes(second);

        assertThat(first).isNotEqualTo(new byte[32]).isNotEqualTo(second);
    }

    @Test
    void servesTheRandomNumbersOfJavaUtilRandom() {
        DeferredSecureRandom random = new DeferredSecureRandom();
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 200; i++) {
            int value = random.nextInt(10);
            assertThat(value).isBetween(0, 9);
            seen.add(value);
        }

        assertThat(seen).hasSizeGreaterThan(5);
    }

    @Test
    void acceptsSeedAndGeneratesSeed() {
        DeferredSecureRandom random = new DeferredSecureRandom();

        random.setSeed(new byte[] {1, 2, 3});

        assertThat(random.generateSeed(16)).hasSize(16);
    }

    @Test
    void twoInstancesAreIndependent() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        new DeferredSecureRandom().nextBytes(a);
        new DeferredSecureRandom().nextBytes(b);

        assertThat(a).isNotEqualTo(b);
    }
}
