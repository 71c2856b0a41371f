package dev.vacme.client.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.NginxProcess;
import dev.vacme.client.testing.TestPki;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nginx installer against the real nginx of the Debian package, started by the test on free
 * ports: first install, renewal, a configuration broken by the admin, a reload nginx cannot carry
 * out, and the repair once the admin fixed the configuration. The lineage is simulated by files
 * in a {@code live/a.test/} directory that each "renewal" overwrites.
 */
class NginxInstallerIT {

    private static final AtomicLong SERIALS = new AtomicLong(100);

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final int httpPort = FreePorts.tcp();
    private final int httpsPort = FreePorts.tcp();
    private final List<String> log = new ArrayList<>();
    private NginxProcess nginx;
    private Path fullchain;
    private Path privkey;

    @BeforeEach
    void startNginx() throws IOException {
        assumeTrue(NginxProcess.installed(), "nginx is not installed");
        nginx = NginxProcess.configure(dir.resolve("nginx"), """
                server {
                    listen 127.0.0.1:%d;
                    server_name a.test www.a.test;
                    # the site
                    location / { return 200 "hello\\n"; }
                }
                """.formatted(httpPort)).start(httpPort);
        Path live = Files.createDirectories(dir.resolve("vacme/live/a.test"));
        fullchain = live.resolve("fullchain.pem");
        privkey = live.resolve("privkey.pem");
    }

    @AfterEach
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void installsRenewsRefusesABrokenConfigAndRepairsAfterwards() throws IOException {
        X509Certificate first = renew();
        List<String> changes = installer(httpsPort).install(List.of("a.test", "www.a.test"), fullchain, privkey, first);

        assertThat(changes).hasSize(4);
        assertThat(served("a.test")).isEqualTo(ServedCertificates.fingerprint(first));
        assertThat(served("www.a.test")).isEqualTo(ServedCertificates.fingerprint(first));
        assertThat(Files.readString(nginx.root().resolve("conf.d/servers.conf"))).contains(
                "    listen 127.0.0.1:" + httpPort + ";\n    listen " + httpsPort + " ssl;\n    listen [::]:" + httpsPort
                        + " ssl;\n    ssl_certificate " + fullchain + ";\n    ssl_certificate_key " + privkey
                        + ";\n    server_name a.test www.a.test;\n    # the site\n");
        Map<Path, String> installed = snapshot();
        assertThat(installer(httpsPort).install(List.of("a.test", "www.a.test"), fullchain, privkey, first)).isEmpty();
        assertThat(snapshot()).isEqualTo(installed);

        X509Certificate second = renew();
        assertThat(installer(httpsPort).install(List.of("a.test", "www.a.test"), fullchain, privkey, second))
                .isEmpty();
        assertThat(served("a.test")).isEqualTo(ServedCertificates.fingerprint(second));

        Files.writeString(nginx.root().resolve("conf.d/other.conf"), "server { listen 127.0.0.1:" + httpPort
                + "; server_name other.test; no_such_directive on; }\n");
        Map<Path, String> broken = snapshot();
        X509Certificate third = renew();
        assertThatThrownBy(() -> installer(httpsPort).install(List.of("a.test", "www.a.test"), fullchain, privkey,
                third)).isInstanceOf(NginxException.class)
                .hasMessageStartingWith("the nginx config test failed (" + nginx.ctl() + " -c '")
                .hasMessageContaining("unknown directive \"no_such_directive\"")
                .hasMessageEndingWith("nginx was not reloaded and keeps serving its previous configuration");
        assertThat(nginx.isRunning()).isTrue();
        assertThat(served("a.test")).isEqualTo(ServedCertificates.fingerprint(second));
        assertThat(snapshot()).isEqualTo(broken);

        Files.delete(nginx.root().resolve("conf.d/other.conf"));
        assertThat(installer(httpsPort).install(List.of("a.test", "www.a.test"), fullchain, privkey, third))
                .isEmpty();
        assertThat(served("a.test")).as(nginx.logs()).isEqualTo(ServedCertificates.fingerprint(third));
    }

    @Test
    void aReloadThatDoesNotTakeEffectIsRolledBackAndReloadedAgain() throws IOException {
        X509Certificate first = renew();
        Map<Path, String> before = snapshot();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), httpsPort));

            assertThatThrownBy(() -> installer(httpsPort).install(List.of("a.test"), fullchain, privkey, first))
                    .isInstanceOf(NginxException.class)
                    .hasMessageStartingWith("nginx does not serve the new certificate (SHA-256 "
                            + ServedCertificates.fingerprint(first) + ") after 3 s: ")
                    .hasMessageContaining("\nrestored " + nginx.root().resolve("conf.d/servers.conf"))
                    .hasMessageEndingWith("nginx was reloaded with the previous configuration");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(nginx.isRunning()).isTrue();
        assertThat(Files.list(dir.resolve("vacme/backups")).toList()).singleElement()
                .satisfies(backup -> assertThat(backup.resolve(Path.of("/").relativize(
                        nginx.root().resolve("conf.d/servers.conf").toRealPath())))
                        .hasContent(before.get(Path.of("conf.d/servers.conf"))));
    }

    private NginxInstaller installer(int port) {
        return new NginxInstaller(new NginxSettings(nginx.root(), nginx.ctl(), port),
                new HookRunner(System.getenv(), Duration.ofSeconds(30), dir), dir.resolve("vacme/backups"),
                Clock.systemUTC(), Sleeper.REAL, Duration.ofSeconds(3), log::add);
    }

    /** Writes a new certificate for the names into the live files, as a renewal would. */
    private X509Certificate renew() throws IOException {
        KeyPair keys = KeyType.EC_P256.generate();
        X509Certificate leaf = pki.leaf(keys, List.of("a.test", "www.a.test"), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86400), BigInteger.valueOf(SERIALS.incrementAndGet()));
        Files.writeString(fullchain, pki.chainPem(leaf));
        Files.writeString(privkey, Pem.encodePrivateKey(keys.getPrivate()));
        return leaf;
    }

    private String served(String name) {
        return ServedCertificates.fingerprint("127.0.0.1", httpsPort, name).orElse("nothing");
    }

    /** Returns every file of the nginx configuration directory with its content. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(nginx.root())) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".conf")).toList()) {
                files.put(nginx.root().relativize(file), Files.readString(file));
            }
        }
        return files;
    }
}
