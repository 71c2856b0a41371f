package dev.vacme.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real HAProxy (the Debian package) in front of several server instances: TCP mode, so TLS
 * stays end to end; round robin; each instance health-checked on its admin listener's
 * {@code /health/ready}, twice a second. Its own configuration in a temporary directory, free ports.
 */
final class HaproxyProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path logFile;

    /**
     * An instance behind the proxy.
     *
     * @param port      the ACME listener's port
     * @param adminPort the admin listener's port (health checks)
     */
    record Backend(int port, int adminPort) {
    }

    private HaproxyProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Writes the configuration into {@code dir} and starts HAProxy in the foreground. */
    static HaproxyProcess start(Path dir, int port, List<Backend> backends) {
        String servers = backends.stream()
                .map(b -> "    server vacme" + b.port() + " 127.0.0.1:" + b.port() + " check port " + b.adminPort())
                .collect(Collectors.joining("\n"));
        String config = """
                global
                    maxconn 4096

                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 2
                    option redispatch

                frontend acme
                    bind 127.0.0.1:%d
                    default_backend vacme

                backend vacme
                    balance roundrobin
                    option httpchk
                    http-check send meth GET uri /health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 1 rise 2
                %s
                """.formatted(port, servers);
        try {
            Path file = dir.resolve("haproxy.cfg");
            Files.writeString(file, config);
            Process process = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            HaproxyProcess haproxy = new HaproxyProcess(process, port, dir.resolve("haproxy.log"));
            haproxy.awaitListening();
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /**
     * Waits until a request through the proxy succeeds: HAProxy forwards nothing until its health
     * checks have seen an instance ready.
     */
    void awaitServing(Runnable request) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                request.run();
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing served through haproxy:\n" + log(), e);
                }
                pause();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                pause();
            }
        }
        throw new AssertionError("haproxy did not listen on " + port);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
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
