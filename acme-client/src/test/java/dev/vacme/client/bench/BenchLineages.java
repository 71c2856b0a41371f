package dev.vacme.client.bench;

import dev.vacme.client.testing.Lineages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes N lineages that are not due into a config directory, for {@code scripts/bench-renew}.
 * Their server ({@code https://acme.invalid/dir}) does not exist, so a renew run that tried to
 * contact it would fail instead of silently costing time.
 */
public final class BenchLineages {

    private BenchLineages() {
    }

    /** Usage: {@code BenchLineages CONFIG_DIR COUNT}. */
    public static void main(String[] args) {
        Path config = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Lineages lineages = new Lineages(config);
        Instant now = Instant.now();
        for (int i = 1; i <= count; i++) {
            lineages.install(String.format("bench-%04d.test", i), now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(89)));
        }
        System.out.println("created " + count + " lineages in " + config);
    }
}
