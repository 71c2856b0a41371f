package dev.vacme.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.acme.TrustAnchors;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Vacme's own ACME server, the built {@code vacme-server.jar}, run as a child process exactly as an
 * operator runs it: embedded store in a temporary data directory, on a free loopback port,
 * validating http-01 on {@link #httpPort()} of 127.0.0.1 for every name below {@code .test}.
 */
public final class VacmeServerProcess implements AcmeTestServer {

    private final Path dataDir;
    private final int port = FreePorts.tcp();
    private final int httpPort = FreePorts.tcp();
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private Process process;
    private HttpClient client;

    private final List<String> extra;

    private VacmeServerProcess(Path dataDir, List<String> extra) {
        this.dataDir = dataDir;
        this.extra = List.copyOf(extra);
    }

    /** Returns the server jar, built by the reactor before the client's integration tests. */
    public static Path jar() {
        return Path.of(System.getProperty("vacme.server.jar", "../acme-server/target/vacme-server.jar"));
    }

    /** Starts the server and waits until it says it is running. */
    public static VacmeServerProcess start(Path dataDir) throws IOException {
        return start(dataDir, List.of());
    }

    /** Starts the server with extra options (e.g. {@code --dns-resolver}) and waits until it runs. */
    public static VacmeServerProcess start(Path dataDir, List<String> extraOptions) throws IOException {
        VacmeServerProcess server = new VacmeServerProcess(dataDir, extraOptions);
        try {
            server.launch();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void launch() throws IOException {
        if (!Files.isRegularFile(jar())) {
            throw new IOException("build the server first: " + jar() + " is missing");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString(), "--data-dir", dataDir.toString(),
                "--listen", "127.0.0.1:" + port, "--http01-port", Integer.toString(httpPort),
                "--resolve", "*.test=127.0.0.1", "--allow-validation-to", "127.0.0.0/8"));
        command.addAll(extra);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "vacme-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            running.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the Vacme server did not start:\n" + output, e);
        }
        client = HttpClient.newBuilder().sslContext(TrustAnchors.sslContext(List.of(caBundle()))).build();
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
                if (line.contains("is running")) {
                    running.complete(null);
                }
            }
        } catch (IOException e) {
            // The process ended; its output is complete.
        }
        running.completeExceptionally(new IllegalStateException("the server exited"));
    }

    @Override
    public URI directoryUrl() {
        return URI.create("https://localhost:" + port + "/directory");
    }

    @Override
    public Path caBundle() {
        return dataDir.resolve("ca").resolve("root.pem").toAbsolutePath();
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public X509Certificate root() {
        try {
            return Pem.readCertificate(Files.readString(caBundle()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server reports a revoked certificate through ARI: its renewal window lies in the past. */
    @Override
    public boolean isRevoked(X509Certificate certificate) {
        return Instant.parse(renewalInfo(certificate).get("suggestedWindow").get("end").asText())
                .isBefore(Instant.now());
    }

    @Override
    public Optional<Integer> revocationReason(X509Certificate certificate) {
        return Optional.empty();
    }

    /** Fetches the renewal information of a certificate (RFC 9773). */
    public JsonNode renewalInfo(X509Certificate certificate) {
        try {
            var directory = AcmeJson.readTree(client.send(HttpRequest.newBuilder(directoryUrl()).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
            URI url = URI.create(directory.get("renewalInfo").asText() + "/" + AriCertificateId.of(certificate));
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return AcmeJson.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String logs() {
        return "\n--- vacme-server output\n" + output;
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
