package dev.vacme.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, on a free port in a directory of its own, that the test
 * may stop and start at will (never the shared one on 5432). Made with the installed server's
 * {@code initdb} and {@code pg_ctl} rather than {@code pg_createcluster}, so nothing is written
 * under {@code /etc/postgresql} and a killed test leaves only a temporary directory. Run as the
 * {@code postgres} user when the test runs as root, as PostgreSQL refuses to run as root.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path home;
    private final Path data;
    private final int port;

    private OwnPostgres(Path home, int port) {
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
    }

    /** Creates the cluster (trust authentication, fsync off: a test's data) without starting it. */
    static OwnPostgres create() {
        try {
            Path home = Files.createTempDirectory("vacme-pg");
            OwnPostgres postgres = new OwnPostgres(home, ServerProcess.freePort());
            if (runningAsRoot()) {
                run(List.of("chown", "postgres", home.toString()));
            }
            postgres.pg("initdb", "-D", postgres.data.toString(), "-A", "trust", "-U", "postgres", "--no-sync",
                    "--no-instructions");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL the server takes with {@code --db}. */
    String url() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    /** Starts the cluster and waits until it accepts connections. */
    void start() {
        pg("pg_ctl", "-D", data.toString(), "-l", home.resolve("log").toString(), "-w", "-t", "30",
                "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the cluster as an operator restarting it does (fast: running transactions are cut). */
    void stop() {
        pg("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
    }

    @Override
    public void close() {
        try {
            pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
        } catch (AssertionError e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans it up eventually
        }
    }

    private void pg(String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binary(tool).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The newest installed PostgreSQL's tool, e.g. /usr/lib/postgresql/15/bin/initdb. */
    private static Path binary(String tool) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin").resolve(tool)).filter(Files::isExecutable)
                    .max(Comparator.comparing(path -> Integer.parseInt(path.getParent().getParent().getFileName()
                            .toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new AssertionError("no PostgreSQL server installed: " + tool + " is missing"));
        } catch (IOException e) {
            throw new AssertionError("no PostgreSQL server installed under /usr/lib/postgresql", e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
