package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.store.PgTestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** certbot against the server on PostgreSQL, and two server instances sharing that database. */
class CertbotPostgresIT {

    @TempDir
    Path dir;

    private final String schema = PgTestDatabase.uniqueSchema();

    @AfterEach
    void dropSchema() {
        Vertx vertx = Vertx.vertx();
        try {
            PgTestDatabase.drop(vertx, schema);
        } finally {
            vertx.close();
        }
    }

    @Test
    void certbotObtainsAndRevokesOnPostgres() throws Exception {
        int http01Port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), http01Port,
                "--db", PgTestDatabase.url(schema))) {
            CertbotIT.obtainAndRevoke(dir, server, http01Port);
        }
    }

    @Test
    void twoInstancesSharingTheDatabaseSeeEachOthersCertificates() throws Exception {
        int http01Port = ServerProcess.freePort();
        Path data = dir.resolve("data");
        try (ServerProcess first = ServerProcess.start(data, http01Port, "--db", PgTestDatabase.url(schema));
                ServerProcess second = ServerProcess.start(data, http01Port, "--db", PgTestDatabase.url(schema))) {
            Commands.Outcome issued = new CertbotIT.Certbot(dir, first, http01Port)
                    .run("certonly", "--standalone", "-d", "shared.test");
            assertThat(issued.exitCode()).as(issued.output() + first.output()).isZero();
            Path live = dir.resolve("config/live/shared.test");
            X509Certificate leaf = Pem.readCertificate(Files.readString(live.resolve("cert.pem")));

            Commands.Outcome revoked = new CertbotIT.Certbot(dir, second, http01Port).run("revoke",
                    "--cert-path", live.resolve("cert.pem").toString(),
                    "--key-path", live.resolve("privkey.pem").toString(), "--no-delete-after-revoke");

            assertThat(revoked.exitCode()).as(revoked.output() + second.output()).isZero();
            assertThat(CertbotIT.renewalWindowEnd(first, leaf)).isBefore(Instant.now());
        }
    }
}
