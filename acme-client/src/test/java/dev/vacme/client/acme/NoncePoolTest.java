package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoncePoolTest {

    @Test
    void handsOutTheNewestNonceFirstAndEachOnlyOnce() {
        NoncePool pool = new NoncePool();
        pool.offer("old");
        pool.offer("new");

        assertThat(pool.take()).contains("new");
        assertThat(pool.take()).contains("old");
        assertThat(pool.take()).isEmpty();
    }

    @Test
    void dropsTheOldestWhenFull() {
        NoncePool pool = new NoncePool();
        for (int i = 0; i < 20; i++) {
            pool.offer("n" + i);
        }

        assertThat(pool.size()).isEqualTo(16);
        assertThat(pool.take()).contains("n19");
    }
}
