package dev.vacme.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (the Debian package) in the foreground with its own configuration, pid file, logs
 * and temp paths in a test directory; never the system service.
 */
final class NginxProcess implements AutoCloseable {

    private final Path root;
    private final Process process;

    private NginxProcess(Path root, Process process) {
        this.root = root;
        this.process = process;
    }

    /** Writes nginx.conf with {@code servers} inside {@code http} and starts nginx; waits until {@code port} accepts. */
    static NginxProcess start(Path root, String servers, int port) {
        try {
            Files.createDirectories(root.resolve("logs"));
            Files.createDirectories(root.resolve("tmp"));
            Files.writeString(root.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log info;
                    events {
                        worker_connections 64;
                    }
                    http {
                        access_log %1$s/logs/access.log;
                        client_body_temp_path %1$s/tmp/body;
                        proxy_temp_path %1$s/tmp/proxy;
                        fastcgi_temp_path %1$s/tmp/fastcgi;
                        uwsgi_temp_path %1$s/tmp/uwsgi;
                        scgi_temp_path %1$s/tmp/scgi;
                    %2$s
                    }
                    """.formatted(root, servers));
            Process process = new ProcessBuilder("nginx", "-p", root + "/", "-e", root + "/logs/error.log",
                    "-c", root.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("logs/stdout.log").toFile()).start();
            NginxProcess nginx = new NginxProcess(root, process);
            nginx.awaitListening(port);
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nginx's output and error log, for assertion messages. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("logs/stdout.log", "logs/error.log")) {
            try {
                text.append("\n--- ").append(name).append('\n').append(Files.readString(root.resolve(name)));
            } catch (IOException e) {
                text.append("\n--- ").append(name).append(": ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited with " + process.exitValue() + ":" + logs());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new AssertionError("nginx did not listen on " + port + ":" + logs());
    }

    @Override
    public void close() {
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
