package dev.vacme.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache httpd ({@code /usr/sbin/apache2}, Debian's package) with a self-contained
 * configuration in a directory of its own: its own pid file, error log, mutexes and modules, on a
 * free loopback port, never the system service. When the tests run as root, the workers run as
 * {@code www-data} (httpd refuses to serve as root), so the directory is made world-readable.
 *
 * <p>{@link #ctl()} is what the tests pass as {@code --apache-ctl}: the binary with this server
 * root and main file, to which vacme appends {@code -t} or {@code -k graceful}.
 */
public final class ApacheProcess implements AutoCloseable {

    /** The Debian binary. */
    public static final Path BINARY = Path.of("/usr/sbin/apache2");
    private static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    private final Path root;
    private final int httpPort;
    private boolean started;

    private ApacheProcess(Path root, int httpPort) {
        this.root = root;
        this.httpPort = httpPort;
    }

    /** Returns true when Apache is installed here. */
    public static boolean available() {
        return Files.isExecutable(BINARY) && Files.isRegularFile(MODULES.resolve("mod_ssl.so"));
    }

    /**
     * Writes the base configuration into {@code root}: modules (mod_ssl only when {@code withSsl}),
     * {@code Listen 127.0.0.1:HTTP}, and {@code IncludeOptional sites/*.conf}.
     */
    public static ApacheProcess configure(Path root, boolean withSsl) throws IOException {
        return configure(root, withSsl, FreePorts.tcp());
    }

    /** Writes the base configuration with the plain-HTTP listener on the given port. */
    public static ApacheProcess configure(Path root, boolean withSsl, int httpPort) throws IOException {
        ApacheProcess apache = new ApacheProcess(root.toAbsolutePath(), httpPort);
        apache.writeBase(withSsl);
        return apache;
    }

    private void writeBase(boolean withSsl) throws IOException {
        Files.createDirectories(root.resolve("sites"));
        Files.createDirectories(root.resolve("www"));
        Files.writeString(root.resolve("www/index.html"), "hello from apache\n");
        for (Path dir : List.of(root, root.resolve("sites"), root.resolve("www"))) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        StringBuilder conf = new StringBuilder()
                .append("ServerRoot \"").append(root).append("\"\n")
                .append("ServerName localhost\n")
                .append("PidFile ").append(root.resolve("httpd.pid")).append('\n')
                .append("ErrorLog ").append(root.resolve("error.log")).append('\n')
                .append("LogLevel warn\n")
                .append("Mutex file:").append(root).append(" default\n")
                .append("DefaultRuntimeDir ").append(root).append('\n')
                .append("TypesConfig /dev/null\n");
        List<String> modules = withSsl
                ? List.of("mpm_event", "authz_core", "alias", "mime", "dir", "socache_shmcb", "ssl")
                : List.of("mpm_event", "authz_core", "alias", "mime", "dir");
        for (String module : modules) {
            conf.append("LoadModule ").append(module).append("_module ")
                    .append(MODULES.resolve("mod_" + module + ".so"))
                    .append('\n');
        }
        if (isRoot()) {
            conf.append("User www-data\nGroup www-data\n");
        }
        conf.append("Listen 127.0.0.1:").append(httpPort).append('\n')
                .append("DocumentRoot \"").append(root.resolve("www")).append("\"\n")
                .append("<Directory />\n    Require all granted\n</Directory>\n")
                .append("IncludeOptional sites/*.conf\n");
        Files.writeString(root.resolve("httpd.conf"), conf.toString());
    }

    /** Returns the server root. */
    public Path root() {
        return root;
    }

    /** Returns the plain-HTTP port. */
    public int httpPort() {
        return httpPort;
    }

    /** Returns the control command for {@code --apache-ctl}. */
    public String ctl() {
        return BINARY + " -d " + root + " -f " + root.resolve("httpd.conf");
    }

    /** Writes {@code sites/NAME.conf}. */
    public Path site(String name, String text) throws IOException {
        Path file = root.resolve("sites").resolve(name + ".conf");
        Files.writeString(file, text);
        return file;
    }

    /** Returns a plain VirtualHost on the HTTP port serving {@code www/}. */
    public String plainVirtualHost(String serverName, String... aliases) {
        return "<VirtualHost *:" + httpPort + ">\n    ServerName " + serverName + "\n"
                + (aliases.length == 0 ? "" : "    ServerAlias " + String.join(" ", aliases) + "\n")
                + "    DocumentRoot \"" + root.resolve("www") + "\"\n</VirtualHost>\n";
    }

    /** Starts httpd and waits until it answers on the HTTP port. */
    public void start() throws IOException {
        Result result = run("-k", "start");
        if (result.exitCode() != 0) {
            throw new IOException("apache did not start: " + result.output() + log());
        }
        started = true;
        Deadlines.await(Duration.ofSeconds(20), "apache to answer on port " + httpPort, () -> answers(httpPort));
    }

    /** Returns the pid of the running parent process, if any. */
    public Optional<Long> pid() {
        try {
            Path file = root.resolve("httpd.pid");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns true when the parent process runs. */
    public boolean running() {
        return pid().isPresent();
    }

    /** Returns the error log, for assertion messages. */
    public String log() {
        try {
            Path file = root.resolve("error.log");
            return Files.isRegularFile(file) ? "\n--- apache error.log\n" + Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops httpd and waits until its parent process is gone. SIGTERM is httpd's "stop", and unlike
     * {@code -k stop} it works when the configuration on disk no longer parses.
     */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        Optional<ProcessHandle> parent = pid().flatMap(ProcessHandle::of);
        parent.ifPresent(ProcessHandle::destroy);
        parent.ifPresent(p -> Deadlines.await(Duration.ofSeconds(20), "apache to stop", () -> !p.isAlive()));
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-d", root.toString(), "-f",
                root.resolve("httpd.conf").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(root, "ctl", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' hung");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
