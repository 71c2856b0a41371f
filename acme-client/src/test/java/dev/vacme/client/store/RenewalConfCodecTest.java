package dev.vacme.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RenewalConfCodecTest {

    private static final URI SERVER = URI.create("https://ca.test/dir");
    private static final CertificateFacts FACTS = new CertificateFacts(3, "1f2e", Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2025-04-01T00:00:00Z"), "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE",
            URI.create("https://ca.test/renewal-info"), URI.create("https://ca.test/acct/7"));
    private static final AriWindow ARI = new AriWindow(Instant.parse("2025-03-01T00:00:00Z"),
            Instant.parse("2025-03-03T00:00:00Z"), Instant.parse("2025-03-02T01:02:03Z"),
            Instant.parse("2025-02-01T06:00:00Z"), URI.create("https://ca.test/why"));

    static Stream<Arguments> configurations() {
        Map<String, Path> webroots = new LinkedHashMap<>();
        webroots.put("a.test", Path.of("/var/www/a"));
        webroots.put("b.test", Path.of("/var/www/b"));
        return Stream.of(
                Arguments.of("standalone, no certificate yet", new RenewalConf(SERVER, List.of("a.test"),
                        AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, null, null)),
                Arguments.of("standalone tls-alpn-01 on its own port and address", new RenewalConf(SERVER,
                        List.of("a.test"), new AuthenticatorSpec(AuthenticatorSpec.Kind.STANDALONE, "", 80, Map.of(),
                                List.of("tls-alpn-01", "http-01"), null, null, orderedMap("tls_alpn_01_port", "8443",
                                        "tls_alpn_01_address", "127.0.0.1")),
                        KeySpec.DEFAULT, HookSpec.NONE, null, null)),
                Arguments.of("webroot with hooks and facts", new RenewalConf(SERVER, List.of("a.test", "b.test"),
                        new AuthenticatorSpec(AuthenticatorSpec.Kind.WEBROOT, "", 80, webroots, List.of("http-01"),
                                null, null),
                        new KeySpec("rsa", "secp256r1", 4096, true),
                        new HookSpec("systemctl stop nginx", "systemctl start nginx", "cp \"$RENEWED_LINEAGE\"/*.pem /x"),
                        FACTS, null)),
                Arguments.of("manual dns with ARI state", new RenewalConf(SERVER, List.of("*.a.test", "a.test"),
                        new AuthenticatorSpec(AuthenticatorSpec.Kind.MANUAL, "", 80, Map.of(),
                                List.of("dns-01", "http-01"), "/usr/local/bin/auth", null),
                        new KeySpec("ecdsa", "secp384r1", 2048, false), HookSpec.NONE, FACTS, ARI)),
                Arguments.of("nginx authenticator with its settings", new RenewalConf(SERVER, List.of("a.test"),
                        new AuthenticatorSpec(AuthenticatorSpec.Kind.NGINX, "", 8080, Map.of(), List.of("http-01"),
                                null, null, orderedMap("nginx_server_root", "/srv/nginx", "nginx_ctl",
                                        "/usr/sbin/nginx -p /srv/nginx/")),
                        KeySpec.DEFAULT, HookSpec.NONE, null, null)),
                Arguments.of("ARI error state without window", new RenewalConf(SERVER, List.of("a.test"),
                        AuthenticatorSpec.standalone("127.0.0.1", 5002), KeySpec.DEFAULT, HookSpec.NONE,
                        FACTS.withRenewalInfo(null),
                        new AriWindow(null, null, null, Instant.parse("2025-02-01T06:00:00Z"), null))),
                Arguments.of("the apache authenticator with its settings", new RenewalConf(SERVER, List.of("a.test"),
                        AuthenticatorSpec.plugin(AuthenticatorSpec.Kind.APACHE, orderedMap("apache_server_root",
                                "/etc/httpd", "apache_ctl", "apachectl -f /etc/httpd/conf/httpd.conf")),
                        KeySpec.DEFAULT, HookSpec.NONE, FACTS, null)),
                Arguments.of("installer, endpoints, a pending deployment and several hooks", new RenewalConf(SERVER,
                        List.of("a.test"), AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT,
                        new HookSpec(List.of("stop a", "stop b"), List.of(), List.of("reload a", "reload\nb", "c")),
                        FACTS, null, new DeploymentSpec(new InstallerSpec("haproxy",
                                orderedMap("crt", "/etc/haproxy/a.pem", "socket", "/run/haproxy/admin.sock")),
                                List.of("127.0.0.1:8443", "[::1]:443"),
                                new PendingDeployment(3, "the reload failed: exit 1", Instant.parse(
                                        "2025-02-01T06:00:00Z"))))),
                Arguments.of("a required profile", new RenewalConf(SERVER, List.of("a.test"),
                        AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, FACTS, null)
                        .withProfile(new ProfileChoice("tlsclient", true))),
                Arguments.of("a preferred profile", new RenewalConf(SERVER, List.of("a.test"),
                        AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, null, null)
                        .withProfile(new ProfileChoice("shortlived", false))),
                Arguments.of("a certificate revoked by vacme revoke", new RenewalConf(SERVER, List.of("a.test"),
                        AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, FACTS.withRevocation(
                                new Revocation(Instant.parse("2025-02-01T10:00:00Z"), 1, Revocation.LOCAL)), ARI)),
                Arguments.of("a certificate the CA's OCSP responder says is revoked, reason unknown", new RenewalConf(
                        SERVER, List.of("a.test"), AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE,
                        FACTS.withRevocation(new Revocation(Instant.parse("2025-02-01T10:00:00Z"), null,
                                "OCSP http://ocsp.ca.test/")), null)),
                Arguments.of("a preferred chain", new RenewalConf(SERVER, List.of("a.test"),
                        AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, FACTS, null)
                        .withPreferredChain("ISRG Root X1")));
    }

    @Test
    void writesThePreferredChainAsCertbotDoes() {
        RenewalConf conf = new RenewalConf(SERVER, List.of("a.test"), AuthenticatorSpec.standalone("", 80),
                KeySpec.DEFAULT, HookSpec.NONE, null, null).withPreferredChain("ISRG Root X1");

        assertThat(RenewalConfCodec.write("a.test", conf, "0.1.0")).contains("\npreferred_chain = ISRG Root X1\n");
        assertThat(RenewalConfCodec.write("a.test", conf.withPreferredChain(null), "0.1.0"))
                .doesNotContain("preferred_chain");
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void keepsAnInstallersSettingsInItsOwnSection() {
        RenewalConf conf = new RenewalConf(SERVER, List.of("a.test"), AuthenticatorSpec.standalone("", 80),
                KeySpec.DEFAULT, new HookSpec(null, null, "one"), null, null,
                new DeploymentSpec(new InstallerSpec("jks", orderedMap("keystore", "/srv/a.jks")), List.of(), null));

        assertThat(RenewalConfCodec.write("a.test", conf, "0.1.0"))
                .contains("installer = jks\n", "\n[installer.jks]\nkeystore = /srv/a.jks\n", "deploy_hook = one\n")
                .doesNotContain("[deployment]", "deploy_hook_2");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("configurations")
    void writesAndReadsBackEveryField(String description, RenewalConf conf) {
        String text = RenewalConfCodec.write("a.test", conf, "0.1.0");

        assertThat(RenewalConfCodec.read(text, "a.test.conf")).isEqualTo(conf);
    }

    @Test
    void isReadableByAnAdmin() {
        RenewalConf conf = new RenewalConf(SERVER, List.of("a.test", "www.a.test"), AuthenticatorSpec.standalone("", 80),
                KeySpec.DEFAULT, new HookSpec(null, null, "systemctl reload nginx"), FACTS, null);

        assertThat(RenewalConfCodec.write("a.test", conf, "0.1.0")).contains(
                "[renewal]\nserver = https://ca.test/dir\ndomains = a.test, www.a.test\nauthenticator = standalone\n",
                "deploy_hook = systemctl reload nginx\n",
                "[certificate]\nversion = 3\nserial = 1f2e\nnot_before = 2025-01-01T00:00:00Z\n",
                "account = https://ca.test/acct/7\n");
    }

    @Test
    void writesARevocationInTheCertificateSectionWithTheReasonsRfcName() {
        RenewalConf conf = new RenewalConf(SERVER, List.of("a.test"), AuthenticatorSpec.standalone("", 80),
                KeySpec.DEFAULT, HookSpec.NONE, FACTS.withRevocation(new Revocation(
                        Instant.parse("2025-02-01T10:00:00Z"), 5, "CRL http://crl.ca.test/1.crl")), null);

        assertThat(RenewalConfCodec.write("a.test", conf, "0.1.0")).contains("account = https://ca.test/acct/7\n"
                + "revoked_at = 2025-02-01T10:00:00Z\nrevocation_reason = cessationOfOperation\n"
                + "revocation_source = CRL http://crl.ca.test/1.crl\n");
        assertThat(RenewalConfCodec.write("a.test", conf.withCertificate(FACTS), "0.1.0")).doesNotContain("revoke");
    }

    @Test
    void namesTheMissingField() {
        assertThatThrownBy(() -> RenewalConfCodec.read("[renewal]\ndomains = a.test\n", "renewal/a.test.conf"))
                .isInstanceOf(StoreException.class)
                .hasMessage("renewal/a.test.conf: [renewal] server is missing");
    }

    @Test
    void reportsAnInvalidValue() {
        String text = "[renewal]\nserver = https://ca.test/dir\ndomains = a.test\nauthenticator = standalone\n"
                + "key_type = dsa\n";

        assertThatThrownBy(() -> RenewalConfCodec.read(text, "renewal/a.test.conf"))
                .isInstanceOf(StoreException.class)
                .hasMessage("renewal/a.test.conf: unsupported --key-type dsa; use ecdsa or rsa");
    }
}
