package dev.vacme.server.testing;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.RunningServer;
import dev.vacme.server.VacmeServer;
import dev.vacme.server.config.ConfigLoader;
import dev.vacme.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Vacme server in the test's JVM on a free port, with validation pointed at a local HTTP-01
 * responder: every name under {@code .test} resolves to 127.0.0.1, and loopback is allowed.
 */
public final class TestServer implements AutoCloseable {

    private final RunningServer server;
    private final X509Certificate root;

    private TestServer(RunningServer server) {
        this.server = server;
        try {
            this.root = Pem.readCertificate(Files.readString(server.rootCertificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server on the embedded store in {@code dataDir}. */
    public static TestServer start(Path dataDir, int http01Port) {
        return start(dataDir, http01Port, Map.of());
    }

    /** Starts a server with extra configuration keys (e.g. {@code db}). */
    public static TestServer start(Path dataDir, int http01Port, Map<String, Object> extra) {
        return start(dataDir, http01Port, extra, Optional.empty());
    }

    /** Starts a server with extra configuration keys and a YAML file (e.g. with {@code profiles:}). */
    public static TestServer start(Path dataDir, int http01Port, Map<String, Object> extra, Optional<Path> configFile) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("data-dir", dataDir.toString());
        options.put("listen", "127.0.0.1:0");
        options.put("http01-port", http01Port);
        options.put("resolve", List.of("*.test=127.0.0.1"));
        options.put("allow-validation-to", List.of("127.0.0.0/8"));
        options.putAll(extra);
        ServerConfig config = ConfigLoader.load(configFile, options);
        try {
            return new TestServer(VacmeServer.start(config, Clock.systemUTC(), new SecureRandom())
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("the test server did not start", e);
        }
    }

    /** Returns a client trusting this server's root. */
    public AcmeTestClient client() {
        return new AcmeTestClient(server.directoryUrl(), root);
    }

    /** Returns the root certificate. */
    public X509Certificate root() {
        return root;
    }

    /** Does what SIGHUP does to the server process: reopens the log files and re-reads the CA directory. */
    public void hangUp() {
        server.reopenLogFiles();
    }

    /** Returns the directory URL. */
    public String directoryUrl() {
        return server.directoryUrl();
    }

    /** Returns the base URL (the directory URL without {@code /directory}). */
    public String baseUrl() {
        return server.directoryUrl().substring(0, server.directoryUrl().length() - "/directory".length());
    }

    @Override
    public void close() {
        server.stop();
    }
}
