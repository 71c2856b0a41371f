package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vacme.client.testing.Chains;
import dev.vacme.client.testing.CliRunner.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --webroot}: a small local web server serves a document root on the port the ACME server
 * validates, as nginx or Apache would; vacme writes the challenge files there and removes them
 * afterwards, also when validation fails. Run against Pebble and against Vacme's own server.
 */
abstract class WebrootIssuanceCases extends AcmeServerTestBase {

    private HttpServer web;
    private Path webroot;
    private final List<String> served = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startWebServer() throws IOException {
        webroot = Files.createDirectories(home.resolve("www"));
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", server.httpPort()), 16);
        web.createContext("/", exchange -> {
            try (exchange) {
                Path file = webroot.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(webroot) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                served.add(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        web.start();
    }

    @AfterEach
    void stopWebServer() {
        web.stop(0);
    }

    @Test
    void issuesThroughTheDocumentRootAndCleansUp() throws Exception {
        Result result = vacme("certonly", "--webroot", "-w", webroot.toString(), "-d", "web.test", "-d",
                "www.web.test", "--register-unsafely-without-email", "--agree-tos");

        assertThat(result.exitCode()).as(result + server.logs()).isZero();
        Chains.validate(live("web.test").resolve("fullchain.pem"), server.root());
        assertThat(served).hasSizeGreaterThanOrEqualTo(2).allMatch(p -> p.startsWith("/.well-known/acme-challenge/"));
        assertThat(webroot.resolve(".well-known")).doesNotExist();
        assertThat(Files.readString(config.resolve("renewal/web.test.conf")))
                .contains("authenticator = webroot", "[webroot_map]\nweb.test = " + webroot + "\nwww.web.test = "
                        + webroot + "\n");

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");
        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(webroot.resolve(".well-known")).doesNotExist();
    }

    @Test
    void aDocumentRootTheServerDoesNotServeFailsValidationAndLeavesNothingBehind() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("not-served"));
        Files.createDirectories(elsewhere.resolve(".well-known"));

        Result result = vacme("certonly", "--webroot", "-w", elsewhere.toString(), "-d", "nope.test",
                "--register-unsafely-without-email", "--agree-tos");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("error: unauthorized for nope.test:");
        assertThat(elsewhere.resolve(".well-known/acme-challenge")).doesNotExist();
        assertThat(elsewhere.resolve(".well-known")).exists();
        assertThat(config.resolve("renewal/nope.test.conf")).doesNotExist();
        assertThat(live("nope.test")).doesNotExist();
    }
}
