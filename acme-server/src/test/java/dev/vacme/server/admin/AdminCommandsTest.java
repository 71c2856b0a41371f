package dev.vacme.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.ServerMain;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import dev.vacme.common.pki.KeyType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vacme-server admin} on the store of a server that keeps running: two accounts, two
 * certificates issued over ACME before the commands run. The store check's violations are made by
 * damaging the store directly, last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AdminCommandsTest {

    @TempDir
    static Path dataDir;

    private Http01Responder responder;
    private TestServer server;
    private AcmeFlow subscriber;
    private String firstOrderId;
    private String firstSerial;
    private String secondSerial;

    /** The server options naming the store, e.g. {@code db}; empty for the SQLite file. */
    abstract Map<String, Object> storeOptions();

    /** The same as admin command-line arguments. */
    abstract List<String> storeArguments();

    /** Runs an INSERT/UPDATE directly on the store, to damage it. */
    abstract void execute(String sql) throws Exception;

    /** Removes what {@link #storeOptions} created. */
    void dropStore() {
    }

    @BeforeAll
    void issueTwoCertificates() {
        responder = new Http01Responder();
        server = TestServer.start(dataDir, responder.port(), storeOptions());
        AcmeTestClient client = server.client();
        subscriber = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String orderUrl = subscriber.order("a.admin.test");
        firstOrderId = orderUrl.substring(orderUrl.lastIndexOf('/') + 1);
        subscriber.authorize(orderUrl);
        assertThat(subscriber.finalizeOrder(orderUrl, "a.admin.test").status()).isEqualTo(200);
        firstSerial = serialOf(subscriber.post(subscriber.fetchOrder(orderUrl).certificate().toString(), null).body());
        secondSerial = serialOf(subscriber.issue("b.admin.test"));
    }

    @AfterAll
    void stopServer() {
        server.close();
        responder.close();
        dropStore();
    }

    @Test
    @Order(1)
    void certsListsEveryCertificateWithItsStatusAndNames() {
        Outcome outcome = admin("certs");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        List<String> lines = outcome.out().lines().toList();
        assertThat(lines.get(0)).startsWith("SERIAL").contains("NOT AFTER", "STATUS", "ACCOUNT", "NAMES");
        assertThat(lines).hasSize(3);
        assertThat(outcome.out()).contains(firstSerial, secondSerial, "a.admin.test", "b.admin.test");
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line).contains(" valid "));
    }

    @Test
    @Order(2)
    void certsFiltersByNameAndByExpiry() {
        assertThat(serials(admin("certs", "--json", "--name", "B.admin.test"))).containsExactly(secondSerial);
        assertThat(serials(admin("certs", "--json", "--name", "admin.test"))).isEmpty();
        assertThat(serials(admin("certs", "--json", "--expiring", "30d"))).isEmpty();
        assertThat(serials(admin("certs", "--json", "--expiring", "91d")))
                .containsExactlyInAnyOrder(firstSerial, secondSerial);
    }

    @Test
    @Order(3)
    void accountsListsBothAccountsWithTheirCertificateCounts() {
        Outcome outcome = admin("accounts", "--json");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode accounts = AcmeJson.readTree(outcome.out().getBytes(StandardCharsets.UTF_8));
        String subscriberId = subscriber.kid().substring(subscriber.kid().lastIndexOf('/') + 1);
        assertThat(accounts).hasSize(2);
        assertThat(accounts.get(0).get("id").asText()).isEqualTo(subscriberId);
        assertThat(accounts.get(0).get("certificates").asInt()).isEqualTo(2);
        assertThat(accounts.get(0).get("status").asText()).isEqualTo("valid");
        assertThat(accounts.get(1).get("certificates").asInt()).isZero();
        List<String> table = admin("accounts").out().lines().toList();
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).startsWith("ACCOUNT").contains("STATUS", "CREATED", "CERTS", "CONTACT");
        assertThat(table.get(1)).contains(subscriberId, "valid", "mailto:admin@example.com");
    }

    @Test
    @Order(4)
    void storeCheckPassesOnASoundStore() {
        Outcome outcome = admin("store", "check");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo("store check: 2 certificate(s), no violations\n");
    }

    @Test
    @Order(5)
    void revokeRevokesOnceThroughTheRevocationService() {
        String withColons = String.join(":", firstSerial.toUpperCase().split("(?<=\\G..)"));

        Outcome revoked = admin("revoke", "--serial", withColons, "--reason", "keyCompromise");
        Outcome again = admin("revoke", "--serial", firstSerial, "--reason", "superseded");

        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).isEqualTo("revoked certificate " + firstSerial + " (keyCompromise) for a.admin.test\n");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("vacme-server admin: the certificate is already revoked\n");
        JsonNode listed = AcmeJson.readTree(admin("certs", "--json", "--name", "a.admin.test").out()
                .getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(listed.get("status").asText()).isEqualTo("revoked");
        assertThat(listed.get("revocationReason").asText()).isEqualTo("keyCompromise");
        assertThat(serials(admin("certs", "--json", "--expiring", "91d"))).containsExactly(secondSerial);
    }

    @Test
    @Order(6)
    void revokeRefusesUnknownSerialsAndReasons() {
        Outcome unknown = admin("revoke", "--serial", "abc123");
        Outcome badReason = admin("revoke", "--serial", secondSerial, "--reason", "boredom");
        Outcome badSerial = admin("revoke", "--serial", "xyz");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("vacme-server admin: no certificate with serial abc123 in this store\n");
        assertThat(badReason.exitCode()).isEqualTo(2);
        assertThat(badReason.err()).startsWith("vacme-server admin: --reason: 'boredom' is not a revocation reason");
        assertThat(badSerial.exitCode()).isEqualTo(2);
        assertThat(badSerial.err()).isEqualTo("vacme-server admin: --serial: 'xyz' is not a hexadecimal serial number\n");
    }

    @Test
    @Order(7)
    void storeCheckReportsEachViolationOnItsOwnLine() throws Exception {
        String pendingUrl = subscriber.order("c.admin.test");
        String pendingId = pendingUrl.substring(pendingUrl.lastIndexOf('/') + 1);
        execute("UPDATE orders SET certificate_serial = 'ffff' WHERE id = '" + firstOrderId + "'");
        execute("UPDATE orders SET status = 'processing', processing_since = 1000 WHERE id = '" + pendingId + "'");
        execute("UPDATE certificates SET chain_pem = (SELECT c.chain_pem FROM certificates c WHERE c.serial = '"
                + firstSerial + "') WHERE serial = '" + secondSerial + "'");

        Outcome outcome = admin("store", "check");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out().lines().toList()).containsExactlyInAnyOrder(
                "order " + firstOrderId + " is valid but its certificate is missing",
                "order " + pendingId + " has been processing for longer than 5m",
                "certificate " + secondSerial + " carries serial " + firstSerial,
                "serial " + firstSerial + " is used by certificates " + String.join(" and ",
                        java.util.stream.Stream.of(firstSerial, secondSerial).sorted().toList()));
        assertThat(outcome.err()).isEqualTo("vacme-server admin: store check found 4 violation(s)\n");
    }

    @Test
    void aMissingStoreIsOneLineAndExitCodeTwo() {
        Outcome outcome = run(List.of("admin", "store", "check", "--data-dir", dataDir.resolve("nowhere").toString()));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("vacme-server admin: no store at "
                + dataDir.resolve("nowhere").resolve("vacme.db") + ": give the server's --data-dir (or its --config), or --db"
                + " for PostgreSQL; the server creates its store when it first starts\n");
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitCodeTwo() {
        int closedPort = dev.vacme.server.it.ServerProcess.freePort();
        Outcome outcome = run(List.of("admin", "certs", "--db", "postgresql://vacme@127.0.0.1:" + closedPort + "/acme"));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("vacme-server admin: cannot open the PostgreSQL database "
                + "postgresql://vacme@127.0.0.1:" + closedPort + "/acme: ").contains("refused").hasLineCount(1);
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void everyAdminCommandNamesTheBuild() {
        for (List<String> command : List.of(List.of("admin", "--version"), List.of("admin", "certs", "--version"),
                List.of("admin", "store", "check", "--version"))) {
            Outcome outcome = run(command);

            assertThat(outcome.exitCode()).isZero();
            assertThat(outcome.out()).startsWith("vacme-server ");
        }
    }

    /** An admin command's exit code and output. */
    record Outcome(int exitCode, String out, String err) {
    }

    Outcome admin(String... arguments) {
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(List.of(arguments));
        all.addAll(storeArguments());
        return run(all);
    }

    private static Outcome run(List<String> arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = new picocli.CommandLine(new ServerMain());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments.toArray(String[]::new));
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private static List<String> serials(Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode array = AcmeJson.readTree(outcome.out().getBytes(StandardCharsets.UTF_8));
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.get("serial").asText()).toList();
    }

    private static String serialOf(String chainPem) {
        return SerialNumbers.toHex(Pem.readCertificate(chainPem).getSerialNumber());
    }
}
