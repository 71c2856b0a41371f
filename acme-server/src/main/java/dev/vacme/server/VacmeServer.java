package dev.vacme.server;

import dev.vacme.server.ca.CaSetup;
import dev.vacme.server.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Starts a server from its configuration: one Vert.x instance running one {@link AcmeVerticle},
 * which builds the roles (the wiring) and listens.
 */
public final class VacmeServer {

    private VacmeServer() {
    }

    /** Starts a server; the future fails with the start-up error (see {@link StartupErrors}). */
    public static Future<RunningServer> start(ServerConfig config, Clock clock, SecureRandom random) {
        Vertx vertx = Vertx.vertx();
        AcmeVerticle verticle = new AcmeVerticle(config, clock, random);
        Path root = CaSetup.rootCertificate(config.dataDir());
        Promise<RunningServer> started = Promise.promise();
        vertx.deployVerticle(verticle).onComplete(deployed -> {
            if (deployed.succeeded()) {
                started.complete(new RunningServer(vertx, verticle.port(), verticle.baseUrl() + "/directory", root,
                        config.store().describe(), verticle::reopenLogFiles));
            } else {
                // Fail first: callbacks chained on close() would never run once the event loops are gone.
                started.fail(deployed.cause());
                vertx.close();
            }
        });
        return started.future();
    }
}
