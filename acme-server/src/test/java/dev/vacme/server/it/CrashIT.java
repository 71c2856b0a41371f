package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.testing.Http01Responder;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a server under load, then a restart on the same data: the store stays sound (the
 * admin store check passes, every certificate a client got is stored, no serial twice) and the
 * clients carry on issuing, on the embedded SQLite store and on PostgreSQL.
 */
class CrashIT {

    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    void sqliteSurvivesSigkillUnderLoad() {
        killUnderLoadAndRestart(List.of());
    }

    @Test
    void postgresSurvivesSigkillUnderLoad() {
        String schema = PgTestDatabase.uniqueSchema();
        try {
            killUnderLoadAndRestart(List.of("--db", PgTestDatabase.url(schema)));
        } finally {
            Vertx vertx = Vertx.vertx();
            PgTestDatabase.drop(vertx, schema);
            vertx.close();
        }
    }

    private void killUnderLoadAndRestart(List<String> store) {
        Path data = dir.resolve("data");
        int port = ServerProcess.freePort();
        try (Http01Responder responder = new Http01Responder()) {
            ServerProcess first = ServerProcess.startOnPort(port, data, responder.port(), store.toArray(String[]::new));
            IssuingClients clients = new IssuingClients(first.directoryUrl(), first.root(), responder, CLIENTS, "crash");
            IssuingClients.Figures figures;
            try {
                clients.awaitCompleted(8, Duration.ofSeconds(40));
                first.kill();
                int beforeRestart = clients.completed();
                try (ServerProcess second = ServerProcess.startOnPort(port, data, responder.port(),
                        store.toArray(String[]::new))) {
                    clients.awaitCompleted(beforeRestart + 2 * CLIENTS, Duration.ofSeconds(40));
                    figures = clients.stop();
                    assertThat(second.output()).doesNotContain("Exception");
                }
            } finally {
                clients.close();
                first.close();
            }
            System.out.println("CrashIT " + (store.isEmpty() ? "SQLite" : "PostgreSQL") + ": " + figures);
            assertThat(figures.dirty()).isEmpty();
            List<String> admin = new ArrayList<>(List.of("--data-dir", data.toString()));
            admin.addAll(store);
            StoreAudit.assertSound(admin, figures.serialsByOrder());
        }
    }
}
