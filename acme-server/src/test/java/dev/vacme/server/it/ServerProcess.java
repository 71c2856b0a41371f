package dev.vacme.server.it;

import dev.vacme.common.pki.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The built server jar ({@code vacme-server.jar}) run as a separate process, exactly as an
 * operator runs it; validation goes to loopback, where the client under test answers.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private final Path dataDir;
    private final int port;

    private ServerProcess(List<String> arguments, Path dataDir, int port) {
        this(arguments, dataDir, port, Map.of());
    }

    private ServerProcess(List<String> arguments, Path dataDir, int port, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.port = port;
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        // e.g. -Dvacme.server.jvmArgs=-XX:StartFlightRecording=filename=server.jfr to profile a benchmark
        String jvmArgs = System.getProperty("vacme.server.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(this::readOutput, "vacme-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a server on a free port with {@code dataDir}, validating HTTP-01 on {@code http01Port}. */
    public static ServerProcess start(Path dataDir, int http01Port, String... extra) {
        return startOnPort(freePort(), dataDir, http01Port, extra);
    }

    /** Starts a server on a free port with extra environment variables, e.g. SOFTHSM2_CONF. */
    public static ServerProcess start(Path dataDir, int http01Port, Map<String, String> environment, String... extra) {
        return startOnPort(freePort(), dataDir, http01Port, environment, extra);
    }

    /** Starts a server on the given port, e.g. again on the port of a stopped one. */
    public static ServerProcess startOnPort(int port, Path dataDir, int http01Port, String... extra) {
        return startOnPort(port, dataDir, http01Port, Map.of(), extra);
    }

    /** Starts a server on the given port with extra environment variables, e.g. SOFTHSM2_CONF. */
    public static ServerProcess startOnPort(int port, Path dataDir, int http01Port, Map<String, String> environment,
            String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
                "--listen", "127.0.0.1:" + port, "--http01-port", Integer.toString(http01Port),
                "--resolve", "*.test=127.0.0.1", "--allow-validation-to", "127.0.0.0/8"));
        arguments.addAll(List.of(extra));
        ServerProcess server = new ServerProcess(arguments, dataDir, port, environment);
        server.awaitRunning();
        return server;
    }

    /** Runs the jar with arguments and returns its exit code and output, for start-up failures. */
    public static Result run(String... arguments) {
        return run(Map.of(), arguments);
    }

    /** Runs the jar with extra environment variables and arguments, for start-up failures. */
    public static Result run(Map<String, String> environment, String... arguments) {
        ServerProcess server = new ServerProcess(List.of(arguments), null, 0, environment);
        try {
            if (!server.process.waitFor(60, TimeUnit.SECONDS)) {
                server.process.destroyForcibly();
                throw new AssertionError("the server did not exit: " + server.output);
            }
            server.process.getInputStream().close();
            Thread.sleep(50);
            return new Result(server.process.exitValue(), server.output.toString());
        } catch (InterruptedException | IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The exit code and output of a finished run. */
    public record Result(int exitCode, String output) {
    }

    /** Returns a port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the server's process id. */
    public long pid() {
        return process.pid();
    }

    /** Returns the directory URL. */
    public String directoryUrl() {
        return "https://localhost:" + port + "/directory";
    }

    /** Returns the root certificate's path. */
    public Path rootPath() {
        return dataDir.resolve("ca").resolve("root.pem").toAbsolutePath();
    }

    /** Returns the root certificate. */
    public X509Certificate root() {
        try {
            return Pem.readCertificate(Files.readString(rootPath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns everything the server printed so far. */
    public String output() {
        return output.toString();
    }

    private void awaitRunning() {
        try {
            running.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new AssertionError("the server did not start:\n" + output, e);
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
                if (line.contains("is running")) {
                    running.complete(null);
                }
            }
        } catch (IOException e) {
            // the process ended; its output is complete
        }
        running.completeExceptionally(new IllegalStateException("the server exited"));
    }

    /** Sends SIGKILL, as a crash or the OOM killer would, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the server did not die on SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends SIGTERM, as systemd's stop does, and returns the exit code once the process ended. */
    public int terminate() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not stop on SIGTERM within 60 s:\n" + output);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("vacme.server.jar", "target/vacme-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the server first: " + jar + " is missing");
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
