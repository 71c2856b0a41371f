package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key ids are handed to operators and to clients' command lines. */
class ExternalAccountKeysTest {

    private final ExternalAccountKeys keys = new ExternalAccountKeys(null, new SecureRandom(), Clock.systemUTC());

    @Test
    void noKeyIdStartsWithADashThatACommandLineWouldTakeForAnOption() {
        // With plain base64url ids, about 1 in 64 would: among 2,000 almost surely some.
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            ids.add(keys.keyId());
        }

        assertThat(ids).hasSize(2_000).noneMatch(id -> id.startsWith("-"));
        assertThat(ids).allMatch(id -> id.matches("[A-Za-z0-9_-]{22}"));
    }
}
