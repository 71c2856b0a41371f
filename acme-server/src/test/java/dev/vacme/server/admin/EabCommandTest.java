package dev.vacme.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.Stores;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code vacme-server eab create|list|revoke} against the embedded SQLite store and PostgreSQL. */
class EabCommandTest {

    @TempDir
    static Path dataDir;

    private static final String SCHEMA = PgTestDatabase.uniqueSchema();

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("SQLite", new EabCommands("--data-dir", dataDir.toString())),
                Arguments.of("PostgreSQL", new EabCommands("--data-dir", dataDir.toString(),
                        "--db", PgTestDatabase.url(SCHEMA))));
    }

    /** The SQLite file as the server's first start leaves it: the eab commands never create one. */
    @BeforeAll
    static void serverStoreExists() {
        Vertx vertx = Vertx.vertx();
        try {
            Stores.open(vertx, StoreLocation.inDataDirectory(dataDir)).compose(Store::close)
                    .toCompletionStage().toCompletableFuture().join();
        } finally {
            vertx.close();
        }
    }

    @AfterAll
    static void dropSchema() {
        Vertx vertx = Vertx.vertx();
        try {
            PgTestDatabase.drop(vertx, SCHEMA);
        } finally {
            vertx.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void createListAndRevoke(String engine, EabCommands eab) {
        JsonNode created = eab.create("--label", "payments-" + engine);
        String kid = created.get("kid").asText();

        assertThat(created.fieldNames()).toIterable().containsExactly("kid", "hmacKey", "label");
        assertThat(Base64Url.decode(created.get("hmacKey").asText())).hasSize(32);
        EabCommands.Result text = eab.run("create");
        assertThat(text.out()).contains("Key ID:", "HMAC key:");
        JsonNode listed = eab.run("list", "--json").json();
        JsonNode mine = find(listed, kid);
        assertThat(mine.get("label").asText()).isEqualTo("payments-" + engine);
        assertThat(mine.get("account").isNull()).isTrue();
        assertThat(mine.get("revoked").isNull()).isTrue();
        assertThat(mine.has("hmacKey")).as("the MAC key is shown once only").isFalse();
        assertThat(eab.run("list").out()).contains(kid + " ", "payments-" + engine, "unused");

        EabCommands.Result revoked = eab.run("revoke", kid);
        EabCommands.Result again = eab.run("revoke", kid);

        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out().strip()).isEqualTo("Revoked key " + kid + ".");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("vacme-server eab: no unrevoked key with id " + kid
                + " (see vacme-server eab list)");
        assertThat(find(eab.run("list", "--json").json(), kid).get("revoked").isNull()).isFalse();
        assertThat(eab.run("list").out()).contains("unused, revoked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anUnreachableStoreIsOneLine(String engine, EabCommands ignored, @TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("vacme.db"), "not an SQLite file");
        EabCommands eab = engine.equals("SQLite")
                ? new EabCommands("--data-dir", elsewhere.toString())
                : new EabCommands("--db", "postgresql://nobody@127.0.0.1:1/none");

        EabCommands.Result result = eab.run("list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("vacme-server eab: cannot open the ").doesNotContain("Exception")
                .hasLineCount(1);
    }

    @Test
    void aMissingSqliteStoreIsRefusedAndNotCreated(@TempDir Path elsewhere) {
        Path nowhere = elsewhere.resolve("vacme-data");

        EabCommands.Result result = new EabCommands("--data-dir", nowhere.toString()).run("create", "--label", "x");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).as("no key is shown for a store the server does not read").isEmpty();
        assertThat(result.err()).isEqualTo("vacme-server eab: no store at " + nowhere.resolve("vacme.db")
                + ": give the server's --data-dir (or its --config), or --db for PostgreSQL; the server creates"
                + " its store when it first starts\n");
        assertThat(nowhere).doesNotExist();
    }

    private static JsonNode find(JsonNode list, String kid) {
        for (JsonNode key : list) {
            if (key.get("kid").asText().equals(kid)) {
                return key;
            }
        }
        throw new AssertionError(kid + " is not in " + list);
    }
}
