package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/** Server secrets by name, stored base64; the first value stored wins every race. */
final class SecretTable {

    private final SqlDatabase db;
    private final Clock clock;

    SecretTable(SqlDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Future<byte[]> get(String name, Supplier<byte[]> generator) {
        return find(name).compose(found -> found.isPresent()
                ? Future.succeededFuture(found.get())
                : db.update("INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                name, Base64.getEncoder().encodeToString(generator.get()), clock.millis())
                        .compose(n -> find(name))
                        .map(stored -> stored.orElseThrow(() -> new IllegalStateException("secret " + name + " vanished"))));
    }

    private Future<Optional<byte[]>> find(String name) {
        return db.query("SELECT value FROM secrets WHERE name = ?", name)
                .map(rows -> rows.stream().findFirst().map(row -> Base64.getDecoder().decode(row.string("value"))));
    }
}
