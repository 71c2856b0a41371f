package dev.vacme.server.bench;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.it.ServerProcess;
import dev.vacme.server.testing.AcmeTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Pebble, the reference the benchmarks compare against, with pebble-challtestsrv as its
 * DNS server answering 127.0.0.1 for every name, so it validates HTTP-01 on this machine. Its
 * random validation delays and bad-nonce injection are off, so it does only the work Vacme does.
 */
final class PebbleProcess implements AutoCloseable {

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int acmePort = ServerProcess.freePort();
    private Process pebble;

    private PebbleProcess(Path dir) {
        this.dir = dir;
    }

    /** Returns true when Debian's pebble package is installed. */
    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/pebble")) && Files.isExecutable(Path.of("/usr/bin/pebble-challtestsrv"));
    }

    /** Starts Pebble validating HTTP-01 on {@code httpPort}. */
    static PebbleProcess start(Path dir, int httpPort) throws IOException, InterruptedException {
        PebbleProcess server = new PebbleProcess(dir);
        try {
            server.launch(httpPort);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Returns the process id of Pebble itself, whose CPU time the benchmark reads. */
    long pid() {
        return pebble.pid();
    }

    /** Returns a client trusting Pebble's TLS certificate. */
    AcmeTestClient client() {
        return new AcmeTestClient("https://127.0.0.1:" + acmePort + "/dir", certificate());
    }

    private void launch(int httpPort) throws IOException, InterruptedException {
        makeTlsCertificate();
        int dnsPort = ServerProcess.freePort();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("listenAddress", "127.0.0.1:" + acmePort);
        settings.put("managementListenAddress", "127.0.0.1:" + ServerProcess.freePort());
        settings.put("certificate", dir.resolve("tls.pem").toString());
        settings.put("privateKey", dir.resolve("tls-key.pem").toString());
        settings.put("httpPort", httpPort);
        settings.put("tlsPort", ServerProcess.freePort());
        settings.put("ocspResponderURL", "");
        settings.put("externalAccountBindingRequired", false);
        Files.writeString(dir.resolve("pebble.json"), AcmeJson.write(Map.of("pebble", settings)));
        spawn("challtestsrv", Map.of(), "/usr/bin/pebble-challtestsrv", "-defaultIPv4", "127.0.0.1",
                "-defaultIPv6", "", "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "",
                "-tlsalpn01", "", "-management", "127.0.0.1:" + ServerProcess.freePort());
        pebble = spawn("pebble", Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"),
                "/usr/bin/pebble", "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort);
        awaitUp();
    }

    private void makeTlsCertificate() throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=pebble",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", dir.resolve("tls-key.pem").toString(), "-out", dir.resolve("tls.pem").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IOException("openssl could not make Pebble's certificate: "
                    + Files.readString(dir.resolve("openssl.log")));
        }
    }

    private X509Certificate certificate() {
        try {
            return Pem.readCertificate(Files.readString(dir.resolve("tls.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process spawn(String name, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitUp() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        AcmeTestClient client = client();
        while (true) {
            try {
                client.directory();
                return;
            } catch (RuntimeException e) {
                if (!pebble.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IOException("Pebble did not start: " + Files.readString(dir.resolve("pebble.log")), e);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
