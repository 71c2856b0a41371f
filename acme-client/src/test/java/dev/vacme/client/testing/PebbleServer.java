package dev.vacme.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.acme.TrustAnchors;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pebble (Let's Encrypt's test ACME server, from Debian's {@code pebble} package) with
 * {@code pebble-challtestsrv} as its DNS server, both started as child processes on free loopback
 * ports, with a TLS certificate generated for the run. Every name resolves to 127.0.0.1, so Pebble
 * validates http-01 against {@link #httpPort()} on this machine; dns-01 TXT records are set through
 * the challenge test server's management API ({@link #challengeServer()}).
 */
public final class PebbleServer implements AcmeTestServer {

    private final Path dir;
    private final int acmePort = FreePorts.tcp();
    private final int managementPort = FreePorts.tcp();
    private final int httpPort = FreePorts.tcp();
    private final int dnsPort = FreePorts.udpAndTcp();
    private final int challengeManagementPort = FreePorts.tcp();
    private final List<Process> processes = new ArrayList<>();
    private HttpClient client;

    private PebbleServer(Path dir) {
        this.dir = dir;
    }

    /** Returns true when the Pebble binaries are installed (scripts/test installs them). */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/pebble")) && Files.isExecutable(Path.of("/usr/bin/pebble-challtestsrv"));
    }

    /**
     * Starts Pebble and its DNS server.
     *
     * @param dir        where configuration, certificate and logs go
     * @param environment extra {@code PEBBLE_*} variables, e.g. {@code PEBBLE_WFE_NONCEREJECT}
     */
    public static PebbleServer start(Path dir, Map<String, String> environment) throws IOException {
        return start(dir, environment, Map.of());
    }

    /**
     * Starts Pebble and its DNS server with extra configuration, e.g.
     * {@code externalAccountBindingRequired}.
     */
    public static PebbleServer start(Path dir, Map<String, String> environment, Map<String, Object> settings)
            throws IOException {
        PebbleServer server = new PebbleServer(dir);
        try {
            server.launch(environment, settings);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void launch(Map<String, String> environment, Map<String, Object> extraSettings) throws IOException {
        KeyPair keys = KeyType.EC_P256.generate();
        X509Certificate tls = TestPki.loopbackTls(keys);
        Files.writeString(caBundle(), Pem.encodeCertificate(tls));
        Files.writeString(dir.resolve("pebble-key.pem"), Pem.encodePrivateKey(keys.getPrivate()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("listenAddress", "127.0.0.1:" + acmePort);
        settings.put("managementListenAddress", "127.0.0.1:" + managementPort);
        settings.put("certificate", caBundle().toString());
        settings.put("privateKey", dir.resolve("pebble-key.pem").toString());
        settings.put("httpPort", httpPort);
        settings.put("tlsPort", FreePorts.tcp());
        settings.put("ocspResponderURL", "");
        settings.put("externalAccountBindingRequired", false);
        settings.putAll(extraSettings);
        Files.writeString(dir.resolve("pebble.json"), AcmeJson.write(Map.of("pebble", settings)));

        spawn("challtestsrv", Map.of(), "/usr/bin/pebble-challtestsrv",
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + challengeManagementPort);
        Map<String, String> pebbleEnvironment = new LinkedHashMap<>(environment);
        pebbleEnvironment.putIfAbsent("PEBBLE_VA_NOSLEEP", "1");
        spawn("pebble", pebbleEnvironment, "/usr/bin/pebble", "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort);
        client = HttpClient.newBuilder().sslContext(TrustAnchors.sslContext(List.of(caBundle())))
                .connectTimeout(Duration.ofSeconds(5)).build();
        awaitUp(directoryUrl());
        awaitUp(URI.create(challengeServer() + "/"));
    }

    private void spawn(String name, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        processes.add(builder.start());
    }

    private void awaitUp(URI uri) throws IOException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IOException(process.info().command().orElse("?") + " exited: " + logs());
                }
            }
            try {
                client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException(uri + " did not come up: " + logs(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Override
    public URI directoryUrl() {
        return URI.create("https://127.0.0.1:" + acmePort + "/dir");
    }

    @Override
    public Path caBundle() {
        return dir.resolve("pebble-cert.pem");
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    /** Returns the base URL of pebble-challtestsrv's management API. */
    public String challengeServer() {
        return "http://127.0.0.1:" + challengeManagementPort;
    }

    @Override
    public X509Certificate root() {
        return root(0);
    }

    /**
     * Returns one of Pebble's roots: 0 is the root of the default chain, 1 and up those of the
     * alternate chains it offers with {@code PEBBLE_ALTERNATE_ROOTS}.
     */
    public X509Certificate root(int index) {
        return Pem.readCertificate(get("/roots/" + index));
    }

    @Override
    public boolean isRevoked(X509Certificate certificate) {
        return "Revoked".equals(certificateStatus(certificate.getSerialNumber()).get("Status").asText());
    }

    @Override
    public Optional<Integer> revocationReason(X509Certificate certificate) {
        var status = certificateStatus(certificate.getSerialNumber());
        return status.hasNonNull("Reason") ? Optional.of(status.get("Reason").asInt()) : Optional.empty();
    }

    /** Returns Pebble's status of a certificate ({@code Valid} or {@code Revoked}) and reason, as JSON. */
    public JsonNode certificateStatus(BigInteger serial) {
        return AcmeJson.readTree(get("/cert-status-by-serial/" + serial.toString(16)).getBytes(StandardCharsets.UTF_8));
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + managementPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String logs() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("pebble", "challtestsrv")) {
            try {
                out.append("\n--- ").append(name).append(".log\n").append(Files.readString(dir.resolve(name + ".log")));
            } catch (IOException e) {
                out.append("\n--- ").append(name).append(".log missing");
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
