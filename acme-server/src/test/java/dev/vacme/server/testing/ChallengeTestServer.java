package dev.vacme.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * pebble-challtestsrv (from Debian's pebble package) as a real DNS server on a free loopback
 * port, driven over its HTTP management API: TXT, CNAME, CAA and SERVFAIL answers per name. Its
 * HTTP-01, HTTPS and TLS-ALPN-01 responders are switched off. Every other name resolves to
 * 127.0.0.1 (A) and ::1 (AAAA).
 */
public final class ChallengeTestServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int dnsPort;
    private final int managementPort;

    private ChallengeTestServer(Process process, int dnsPort, int managementPort) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.managementPort = managementPort;
    }

    /** Starts the server, its output going to {@code log}, and waits until its management API answers. */
    public static ChallengeTestServer start(Path log) {
        int dnsPort = freePort();
        int managementPort = freePort();
        Process process;
        try {
            process = new ProcessBuilder("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort,
                    "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + managementPort)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run pebble-challtestsrv (Debian package pebble)", e);
        }
        ChallengeTestServer server = new ChallengeTestServer(process, dnsPort, managementPort);
        server.awaitListening();
        return server;
    }

    /** Returns {@code 127.0.0.1:PORT}, the value for {@code --dns-resolver}. */
    public String resolver() {
        return "127.0.0.1:" + dnsPort;
    }

    /** Returns the DNS port. */
    public int dnsPort() {
        return dnsPort;
    }

    /** Returns the base URL of the management API, for hook scripts. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Adds a TXT value at {@code name} (values accumulate). */
    public void addTxt(String name, String value) {
        post("/set-txt", "{\"host\":" + json(fqdn(name)) + ",\"value\":" + json(value) + "}");
    }

    /** Removes every TXT value at {@code name}. */
    public void clearTxt(String name) {
        post("/clear-txt", "{\"host\":" + json(fqdn(name)) + "}");
    }

    /**
     * Returns a shell command (curl) that adds a TXT value, for the hook scripts real ACME clients
     * run; both arguments are shell expressions expanded in double quotes.
     *
     * @param fqdnExpression  the record's fully qualified name ending in a dot, e.g.
     *                        {@code _acme-challenge.$CERTBOT_DOMAIN.} or lego's {@code $2}
     * @param valueExpression the TXT value, e.g. {@code $CERTBOT_VALIDATION}
     */
    public String addTxtCommand(String fqdnExpression, String valueExpression) {
        return "curl -sf -X POST -d \"{\\\"host\\\":\\\"" + fqdnExpression + "\\\",\\\"value\\\":\\\""
                + valueExpression + "\\\"}\" " + managementUrl() + "/set-txt";
    }

    /** Returns a shell command that removes every TXT value at a name; see {@link #addTxtCommand}. */
    public String clearTxtCommand(String fqdnExpression) {
        return "curl -sf -X POST -d \"{\\\"host\\\":\\\"" + fqdnExpression + "\\\"}\" " + managementUrl()
                + "/clear-txt";
    }

    /** Makes {@code name} a CNAME for {@code target}. */
    public void setCname(String name, String target) {
        post("/set-cname", "{\"host\":" + json(fqdn(name)) + ",\"target\":" + json(fqdn(target)) + "}");
    }

    /** Makes every query for {@code name} answer SERVFAIL. */
    public void setServfail(String name) {
        post("/set-servfail", "{\"host\":" + json(fqdn(name)) + "}");
    }

    /**
     * Publishes CAA records at {@code name}. pebble-challtestsrv always sends flags 0, so the
     * Issuer Critical flag is tested on parsed records instead.
     *
     * @param records each {@code TAG VALUE}, e.g. {@code issue ca.example; accounturi=...}
     */
    public void addCaa(String name, List<String> records) {
        String policies = records.stream().map(record -> {
            String[] parts = record.split(" ", 2);
            return "{\"tag\":" + json(parts[0]) + ",\"value\":" + json(parts.length > 1 ? parts[1] : "") + "}";
        }).collect(Collectors.joining(",", "[", "]"));
        post("/add-caa", "{\"host\":" + json(fqdn(name)) + ",\"policies\":" + policies + "}");
    }

    /** Removes the CAA records at {@code name}. */
    public void clearCaa(String name) {
        post("/clear-caa", "{\"host\":" + json(fqdn(name)) + "}");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", managementPort), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        close();
        throw new IllegalStateException("pebble-challtestsrv did not start");
    }

    private static String fqdn(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
