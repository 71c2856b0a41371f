package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server instances on one PostgreSQL behind a real HAProxy (round robin, health checks on
 * /health/ready), several clients issuing through it, and one instance killed with SIGKILL
 * mid-run: every failure is a clean ACME error or a cut connection and the clients' retries
 * succeed, nothing is issued twice, no serial repeats, the store check passes, and a nonce from
 * any instance is good, once, on any other.
 */
class ScaleOutIT {

    private static final int INSTANCES = 3;
    private static final int CLIENTS = 6;
    private static final String RECOVERY_WINDOW = "15s";

    @TempDir
    Path dir;

    @Test
    void threeInstancesBehindHaproxySurviveTheLossOfOne() throws Exception {
        String schema = PgTestDatabase.uniqueSchema();
        String db = PgTestDatabase.url(schema);
        int proxyPort = ServerProcess.freePort();
        String externalUrl = "https://localhost:" + proxyPort;
        List<ServerProcess> instances = new ArrayList<>();
        try (Http01Responder responder = new Http01Responder()) {
            List<Integer> ports = IntStream.range(0, INSTANCES).mapToObj(i -> ServerProcess.freePort()).toList();
            List<Integer> adminPorts = IntStream.range(0, INSTANCES).mapToObj(i -> ServerProcess.freePort()).toList();
            instances.add(startInstance(0, ports, adminPorts, responder, db, externalUrl));
            for (int i = 1; i < INSTANCES; i++) {
                copyCa(dir.resolve("data0"), dir.resolve("data" + i));
            }
            List<CompletableFuture<ServerProcess>> others = IntStream.range(1, INSTANCES).mapToObj(i -> CompletableFuture
                    .supplyAsync(() -> startInstance(i, ports, adminPorts, responder, db, externalUrl))).toList();
            others.forEach(other -> instances.add(other.join()));
            List<HaproxyProcess.Backend> backends = IntStream.range(0, INSTANCES)
                    .mapToObj(i -> new HaproxyProcess.Backend(ports.get(i), adminPorts.get(i))).toList();

            try (HaproxyProcess haproxy = HaproxyProcess.start(dir, proxyPort, backends)) {
                AcmeTestClient direct = new AcmeTestClient(externalUrl + "/directory", instances.get(0).root());
                haproxy.awaitServing(direct::directory);
                assertNoncesWorkAcrossInstances(direct, externalUrl, ports);

                IssuingClients clients = new IssuingClients(externalUrl + "/directory", instances.get(0).root(),
                        responder, CLIENTS, "scale");
                IssuingClients.Figures figures;
                long killedAt;
                try {
                    clients.awaitCompleted(12, Duration.ofSeconds(40));
                    instances.get(1).kill();
                    killedAt = System.nanoTime();
                    int atKill = clients.completed();
                    clients.awaitCompleted(atKill + 3 * CLIENTS, Duration.ofSeconds(40));
                    figures = clients.stop();
                    System.out.println("ScaleOutIT: " + INSTANCES + " instances behind HAProxy, one killed after "
                            + atKill + " issuances: " + figures);
                } finally {
                    clients.close();
                }
                assertThat(figures.dirty()).isEmpty();
                awaitNothingProcessing(schema, killedAt);
                StoreAudit.assertSound(List.of("--data-dir", dir.resolve("data0").toString(), "--db", db),
                        List.of("--recovery-window", RECOVERY_WINDOW), figures.serialsByOrder());
            }
        } finally {
            instances.forEach(ServerProcess::close);
            Vertx vertx = Vertx.vertx();
            PgTestDatabase.drop(vertx, schema);
            vertx.close();
        }
    }

    private ServerProcess startInstance(int index, List<Integer> ports, List<Integer> adminPorts,
            Http01Responder responder, String db, String externalUrl) {
        return ServerProcess.startOnPort(ports.get(index), dir.resolve("data" + index), responder.port(),
                "--db", db, "--external-url", externalUrl, "--admin-listen", "127.0.0.1:" + adminPorts.get(index),
                "--recovery-window", RECOVERY_WINDOW);
    }

    /**
     * Work the killed instance left in processing is failed by the survivors once the recovery
     * window has passed (they look every quarter window), so none is left 25 s after the kill.
     */
    private static void awaitNothingProcessing(String schema, long killedAt) {
        Vertx vertx = Vertx.vertx();
        try {
            String count = "SELECT (SELECT COUNT(*) FROM orders WHERE status = 'processing')"
                    + " + (SELECT COUNT(*) FROM challenges WHERE status = 'processing') AS n";
            String left = PgTestDatabase.rows(vertx, schema, count).get(0);
            long deadline = killedAt + Duration.ofSeconds(25).toNanos();
            String now = left;
            while (!now.equals("{n=0}")) {
                assertThat(System.nanoTime()).as("still processing: " + now).isLessThan(deadline);
                pause();
                now = PgTestDatabase.rows(vertx, schema, count).get(0);
            }
            System.out.println("ScaleOutIT: in processing when the clients stopped: " + left + "; none "
                    + (System.nanoTime() - killedAt) / 1_000_000 + " ms after the kill");
        } finally {
            vertx.close();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A nonce fetched from one instance is redeemed by another (the JWS {@code url} is the shared
     * external URL, whichever instance receives it), and only once: a third instance refuses it.
     */
    private static void assertNoncesWorkAcrossInstances(AcmeTestClient client, String externalUrl, List<Integer> ports) {
        String newNonce = client.directory().newNonce().toString();
        String newAccount = client.directory().newAccount().toString();
        AcmeTestClient.Response fromFirst = client.send("HEAD", onInstance(newNonce, externalUrl, ports.get(0)));
        String nonce = fromFirst.header("Replay-Nonce");
        var key = KeyType.EC_P256.generate();
        String jws = JwsSigner.signWithJwk(key, nonce, newAccount, AcmeTestClient.bytes(
                new NewAccountRequest(List.of("mailto:nonce@example.com"), true, null, null))).toJson();

        AcmeTestClient.Response onSecond = client.postRaw(onInstance(newAccount, externalUrl, ports.get(1)),
                "application/jose+json", jws);
        AcmeTestClient.Response onThird = client.postRaw(onInstance(newAccount, externalUrl, ports.get(2)),
                "application/jose+json", jws);

        assertThat(onSecond.status()).as(onSecond.body()).isEqualTo(201);
        assertThat(onThird.status()).as(onThird.body()).isEqualTo(400);
        assertThat(onThird.problem().type()).isEqualTo("urn:ietf:params:acme:error:badNonce");
    }

    private static String onInstance(String url, String externalUrl, int port) {
        return "https://localhost:" + port + url.substring(externalUrl.length());
    }

    private static void copyCa(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from.resolve("ca"))) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
