package dev.vacme.client.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx ({@code /usr/sbin/nginx}) run by a test: its own {@code nginx.conf} in a temporary
 * directory, with pid file, logs and temp paths there too, in the foreground as a child process
 * ({@code daemon off}), never the system service. Server blocks go in {@code conf.d/*.conf}, which
 * the main file includes, so tests can add and break them.
 */
public final class NginxProcess implements AutoCloseable {

    /** The nginx binary of the Debian package. */
    public static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Path root;
    private Process process;

    private NginxProcess(Path root) {
        this.root = root;
    }

    /** Returns true when nginx is installed (the tests need it). */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Writes the main configuration and the server blocks below {@code root}.
     *
     * @param servers the content of {@code conf.d/servers.conf}
     */
    public static NginxProcess configure(Path root, String servers) throws IOException {
        NginxProcess nginx = new NginxProcess(root.toAbsolutePath());
        Files.createDirectories(root.resolve("conf.d"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("logs"));
        String dir = nginx.root.toString();
        Files.writeString(root.resolve("nginx.conf"), """
                # written by the test
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events {
                    worker_connections 64;
                }
                http {
                    log_format vacme '$remote_addr "$request" $status host=$host server=$server_name pid=$pid';
                    access_log %1$s/logs/access.log vacme;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    include conf.d/*.conf;
                }
                """.formatted(dir));
        Files.writeString(root.resolve("conf.d/servers.conf"), servers);
        return nginx;
    }

    /** Returns the server root ({@code --nginx-server-root}). */
    public Path root() {
        return root;
    }

    /** Returns the command line for {@code --nginx-ctl}: the binary with prefix and early error log here. */
    public String ctl() {
        return BINARY + " -p " + root + "/ -e " + root + "/logs/error.log";
    }

    /** Starts nginx and waits until a port accepts connections. */
    public NginxProcess start(int port) throws IOException {
        process = new ProcessBuilder(List.of(BINARY.toString(), "-p", root + "/", "-e", root + "/logs/error.log",
                "-c", root.resolve("nginx.conf").toString()))
                .redirectErrorStream(true).redirectOutput(root.resolve("logs/stdout.log").toFile()).start();
        if (!Poll.until(Duration.ofSeconds(20), () -> !process.isAlive() || accepts(port)) || !process.isAlive()) {
            throw new IOException("nginx did not start:\n" + logs());
        }
        return this;
    }

    /** Returns true while the nginx master runs. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Returns nginx's error log and output, for assertion messages. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("logs/stdout.log", "logs/error.log", "logs/access.log")) {
            try {
                text.append("\n--- ").append(name).append('\n').append(Files.readString(root.resolve(name)));
            } catch (IOException e) {
                text.append("\n--- ").append(name).append(": ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops nginx (SIGTERM, a fast shutdown) and waits for it and its workers to exit. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
