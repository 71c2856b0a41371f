package dev.vacme.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.server.ca.CaKeySettings;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.va.Cidr;
import dev.vacme.server.va.HostOverride;
import dev.vacme.server.va.ValidationSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheEmbeddedSetup() {
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.dataDir()).isEqualTo(Path.of("vacme-data").toAbsolutePath());
        assertThat(config.listenHost()).isEqualTo("127.0.0.1");
        assertThat(config.listenPort()).isEqualTo(14000);
        assertThat(config.externalUrl()).isEmpty();
        assertThat(config.plainHttp()).isFalse();
        assertThat(config.store()).isEqualTo(StoreLocation.sqlite(Path.of("vacme-data", "vacme.db").toAbsolutePath()));
        assertThat(config.validation()).isEqualTo(ValidationSettings.defaults());
        assertThat(config.certValidity()).isEqualTo(Duration.ofDays(90));
        assertThat(config.termsOfService()).isEmpty();
        assertThat(config.logFormat()).isEqualTo(ServerConfig.LogFormat.TEXT);
        assertThat(config.auditLog()).isEmpty();
    }

    @Test
    void revocationPublishingIsOffByDefaultAndValidForADay() {
        ServerConfig.Pki pki = ConfigLoader.load(Optional.empty(), Map.of()).pki();

        assertThat(pki.enabled()).isFalse();
        assertThat(pki.listen()).isEmpty();
        assertThat(pki.crlValidity()).isEqualTo(Duration.ofDays(1));
        assertThat(pki.ocspValidity()).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "127.0.0.1:8080 | -                           | http://127.0.0.1:8080",
        "[::1]:8080     | -                           | http://[::1]:8080",
        "0.0.0.0:80     | http://pki.example.com/     | http://pki.example.com",
        "-              | https://pki.example.com/a   | https://pki.example.com/a",
    })
    void thePkiUrlIsGivenOrTheListenersAddress(String listen, String url, String expected) {
        Map<String, Object> values = new HashMap<>();
        values.put("pki-listen", listen);
        values.put("pki-url", url);
        values.put("crl-validity", "12h");
        values.put("ocsp-validity", "4d");

        ServerConfig.Pki pki = ConfigLoader.load(Optional.empty(), values).pki();

        assertThat(pki.enabled()).isTrue();
        assertThat(pki.url()).contains(URI.create(expected));
        assertThat(pki.crlValidity()).isEqualTo(Duration.ofHours(12));
        assertThat(pki.ocspValidity()).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void logFormatAndAuditLogAreRead() {
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("log-format", "JSON",
                "audit-log", "logs/../audit.log"));

        assertThat(config.logFormat()).isEqualTo(ServerConfig.LogFormat.JSON);
        assertThat(config.auditLog()).contains(Path.of("audit.log").toAbsolutePath());
    }

    @Test
    void readsYamlAndTheCommandLineWins() throws Exception {
        Path file = dir.resolve("vacme.yaml");
        Files.writeString(file, """
                data-dir: /var/lib/vacme
                listen: "0.0.0.0:8443"
                external-url: https://acme.example.com/
                http01-port: 8080
                resolve:
                  - "*.test=127.0.0.1"
                  - "host.example=::1"
                allow-validation-to: 127.0.0.0/8
                cert-validity: 30d
                terms-of-service: https://example.com/tos
                plain-http: true
                """);
        Map<String, Object> cli = new HashMap<>();
        cli.put("http01-port", 5002);
        cli.put("listen", null);

        ServerConfig config = ConfigLoader.load(Optional.of(file), cli);

        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/vacme"));
        assertThat(config.listenHost()).isEqualTo("0.0.0.0");
        assertThat(config.listenPort()).isEqualTo(8443);
        assertThat(config.externalUrl()).contains(URI.create("https://acme.example.com"));
        assertThat(config.validation().http01Port()).isEqualTo(5002);
        assertThat(config.validation().hostOverrides()).extracting(HostOverride::toString)
                .containsExactly("*.test=127.0.0.1", "host.example=::1");
        assertThat(config.validation().allowedNetworks()).containsExactly(Cidr.parse("127.0.0.0/8"));
        assertThat(config.store()).isEqualTo(StoreLocation.sqlite(Path.of("/var/lib/vacme", "vacme.db")));
        assertThat(config.certValidity()).isEqualTo(Duration.ofDays(30));
        assertThat(config.termsOfService()).contains(URI.create("https://example.com/tos"));
        assertThat(config.plainHttp()).isTrue();
    }

    @Test
    void deactivationRevokesNothingUnlessRevokeOnAccountDeactivationIsTrue() throws Exception {
        Path file = dir.resolve("revoking.yaml");
        Files.writeString(file, "revoke-on-account-deactivation: true\n");

        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).revokeOnAccountDeactivation()).isFalse();
        assertThat(ConfigLoader.load(Optional.of(file), Map.of()).revokeOnAccountDeactivation()).isTrue();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("revoke-on-account-deactivation", true))
                .revokeOnAccountDeactivation()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("revoke-on-account-deactivation", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'revoke-on-account-deactivation' must be true or false, not 'yes'");
    }

    @Test
    void theIntermediateOverlapIsADayUnlessSetAndZeroMeansAtOnce() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).intermediateOverlap()).isEqualTo(Duration.ofHours(24));
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("intermediate-overlap", "0")).intermediateOverlap())
                .isZero();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("intermediate-overlap", "2d")).intermediateOverlap())
                .isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("intermediate-overlap", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("intermediate-overlap: ");
    }

    @Test
    void theRecoveryWindowIsFiveMinutesUnlessSet() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).recoveryWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("recovery-window", "20s")).recoveryWindow())
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void listenAcceptsIpv6() {
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("listen", "[::1]:0"));

        assertThat(config.listenHost()).isEqualTo("::1");
        assertThat(config.listenPort()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "listen           | localhost          | listen: 'localhost' is not HOST:PORT ([IPv6]:PORT for IPv6)",
        "listen           | 127.0.0.1:99999    | listen: port 99999 is out of range",
        "listen           | 127.0.0.1:http     | listen: 'http' is not a port number",
        "external-url     | acme.example.com   | external-url: 'acme.example.com' is not an absolute http(s) URL",
        "external-url     | ftp://example.com  | external-url: 'ftp://example.com' is not an absolute http(s) URL",
        "external-url     | https://a.test/?x=1 | external-url: 'https://a.test/?x=1' must not have a query or fragment",
        "db               | mysql://db/vacme   | db: 'mysql://db/vacme' is not a postgresql://user[:password]@host:port/database URL",
        "http01-port      | 0                  | http01-port: port 0 is out of range 1-65535",
        "http01-port      | eighty             | 'http01-port' must be a number, not 'eighty'",
        "cert-validity    | forever            | cert-validity: 'forever' is not a duration; write e.g. 90d, 36h, 15m or P90D",
        "cert-validity    | 0d                 | cert-validity: '0d' must be a positive duration",
        "dns-resolver     | dns.example:53     | dns-resolver: invalid DNS resolver \"dns.example:53\": \"dns.example\" is not an IP address; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053",
        "resolve          | *.test             | resolve: invalid host override \"*.test\": expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1",
        "allow-validation-to | 127.0.0.0/33    | allow-validation-to: invalid network \"127.0.0.0/33\": the prefix length must be a number from 0 to 32; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address",
        "terms-of-service | not a url          | terms-of-service: 'not a url' is not a valid URL: Illegal character in path",
        "max-connections  | 0                  | max-connections: must be at least 1, not 0",
        "max-connections-per-address | many    | 'max-connections-per-address' must be a number, not 'many'",
        "max-validations-per-host | 0          | max-validations-per-host: must be at least 1, not 0",
        "idle-timeout     | 500ms              | idle-timeout: '500ms' is not a duration; write e.g. 90d, 36h, 15m or P90D",
        "idle-timeout     | PT0.5S             | idle-timeout: must be at least 1s, not PT0.5S",
        "recovery-window  | 10s                | recovery-window: must be at least 15s (longer than a validation can take), not 10s",
        "challenges       | http-01,dns-account-01 | challenges: unknown challenge type \"dns-account-01\"; supported: http-01, dns-01, tls-alpn-01",
        "tls-alpn01-port  | 0                  | tls-alpn01-port: port 0 is out of range 1-65535",
        "caa-identity     | not a name!        | caa-identity: 'not a name!' is not a domain name (e.g. ca.example.com)",
        "caa-recheck-after | soon              | caa-recheck-after: 'soon' is not a duration; write e.g. 90d, 36h, 15m or P90D",
        "allowed-domains  | corp..example      | allowed-domains: 'corp..example' is not a domain name (e.g. corp.example.com)",
        "rate-limits      | new-orders-per-account=300 | rate-limits: '300' is not COUNT/DURATION, e.g. 300/3h",
        "rate-limits      | new-orders-per-account=0/1h | rate-limits: a rate limit must allow at least 1, not 0",
        "rate-limits      | orders=3/1h        | rate-limits: unknown limit 'orders'; known: certificates-per-domain, duplicate-certificates, failed-validations-per-account-and-name, "
            + "new-accounts-per-ip, new-orders-per-account",
        "log-format       | xml                | log-format: 'xml' is not text or json",
        "pki-listen       | 127.0.0.1:0        | pki-listen: port 0 is out of range",
        "pki-listen       | :8080              | pki-listen: listening on every address, certificates cannot name it; give --pki-url with the URL relying parties use (e.g. http://pki.example.com)",
        "pki-url          | pki.example.com    | pki-url: 'pki.example.com' is not an absolute http(s) URL",
        "pki-url          | http://pki.test/?a=1 | pki-url: 'http://pki.test/?a=1' must not have a query or fragment",
        "crl-validity     | 30s                | crl-validity: must be at least 1m, not 30s",
        "ocsp-validity    | never              | ocsp-validity: 'never' is not a duration; write e.g. 90d, 36h, 15m or P90D",
    })
    void badValuesAreOneClearLine(String key, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void theLimitOfValidationsPerHostIsEightUnlessGiven() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).validation().maxPerHost()).isEqualTo(8);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("max-validations-per-host", 3)).validation()
                .maxPerHost()).isEqualTo(3);
    }

    @Test
    void aPostgresUrlBecomesThePostgresStore() {
        ServerConfig config = ConfigLoader.load(Optional.empty(),
                Map.of("db", "postgresql://vacme:secret@db.example:5433/acme"));

        assertThat(config.store()).isInstanceOf(StoreLocation.Postgres.class);
        assertThat(config.store().describe()).doesNotContain("secret").contains("db.example:5433/acme");
    }

    @Test
    void unknownKeysAndMissingFilesAreRefused() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "data-dir: x\nlisten-port: 80\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key 'listen-port' in " + file + "; known keys: admin-listen, allow-validation-to, ");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("missing.yaml")), Map.of()))
                .hasMessage("config file " + dir.resolve("missing.yaml") + " does not exist");
    }

    @Test
    void profilesComeFromTheFileWithTheBuiltInOnesAndADefault() throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, """
                default-profile: internal
                profiles:
                  internal:
                    validity: 30d
                    extended-key-usage: [clientAuth, serverAuth]
                    key-types: [ecdsa-p256]
                """);

        ServerConfig config = ConfigLoader.load(Optional.of(file), Map.of());

        assertThat(config.profiles().names()).containsExactly("tlsserver", "tlsclient", "shortlived", "internal");
        assertThat(config.profiles().defaultProfile().name()).isEqualTo("internal");
        assertThat(config.profiles().defaultProfile().validity()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(config.profiles().find("tlsclient").orElseThrow().extendedKeyUsages())
                .containsExactly(dev.vacme.server.ca.Profile.ExtendedUse.CLIENT_AUTH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"x: {validity: 30d, lifetime: 3d}\" | unknown key 'lifetime' in profiles.x; known keys: accounts, backdate, "
                + "description, extended-key-usage, identifier-types, key-types, key-usage, max-names, validity",
        "\"x: {description: no validity}\"   | profiles.x: 'validity' is required, e.g. 30d",
        "\"x: {validity: 30d, key-types: [dsa]}\" | profiles.x.key-types: 'dsa' is not one of ecdsa-p256, ecdsa-p384, "
                + "rsa-2048, rsa-3072, rsa-4096, ed25519",
        "\"x: {validity: 30d, extended-key-usage: [codeSigning]}\" | profiles.x.extended-key-usage: 'codeSigning' "
                + "is not one of serverAuth, clientAuth",
        "\"x: {validity: 30d, max-names: 0}\" | profile x: max names must be at least 1",
    })
    void badProfilesAreOneClearLine(String profiles, String message) throws Exception {
        Path file = dir.resolve("bad-profile.yaml");
        Files.writeString(file, "profiles: {" + profiles + "}\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void anUnknownDefaultProfileIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("default-profile", "nope")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("default-profile: 'nope' is not a profile; profiles: tlsserver, tlsclient, shortlived");
    }

    @Test
    void aFileThatIsNotAMappingIsRefused() throws Exception {
        Path file = dir.resolve("list.yaml");
        Files.writeString(file, "- a\n- b\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .hasMessage("config file " + file + " must be a YAML mapping of option names to values");
    }

    @Test
    void challengeCaaAndDomainOptionsHaveSafeDefaultsAndParse() throws Exception {
        ServerConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
        assertThat(defaults.challenges()).containsExactly("http-01", "dns-01", "tls-alpn-01");
        assertThat(defaults.validation().tlsAlpn01Port()).isEqualTo(443);
        assertThat(defaults.caa()).isEqualTo(new dev.vacme.server.va.CaaSettings(List.of(),
                java.time.Duration.ofHours(8)));
        assertThat(defaults.domains()).isEqualTo(dev.vacme.server.ra.DomainRules.NONE);

        Path file = dir.resolve("challenges.yaml");
        Files.writeString(file, "challenges: [dns-01, HTTP-01]\ntls-alpn01-port: 8443\ncaa-identity: [Acme.Example.com]\n"
                + "caa-recheck-after: 2h\nallowed-domains: [corp.example.com, .lab.example]\n"
                + "blocked-domains: secret.corp.example.com\n");
        ServerConfig config = ConfigLoader.load(Optional.of(file), Map.of());

        assertThat(config.challenges()).containsExactly("dns-01", "http-01");
        assertThat(config.validation().tlsAlpn01Port()).isEqualTo(8443);
        assertThat(config.caa()).isEqualTo(new dev.vacme.server.va.CaaSettings(List.of("acme.example.com"),
                java.time.Duration.ofHours(2)));
        assertThat(config.domains()).isEqualTo(new dev.vacme.server.ra.DomainRules(
                List.of("corp.example.com", "lab.example"), List.of("secret.corp.example.com")));
        assertThat(defaults.rateLimits().limit("new-orders-per-account")).isEmpty();

        Path limits = dir.resolve("limits.yaml");
        Files.writeString(limits, "rate-limits:\n  new-orders-per-account: 300/3h\n");
        assertThat(ConfigLoader.load(Optional.of(limits), Map.of()).rateLimits().limit("new-orders-per-account"))
                .contains(new dev.vacme.server.ra.RateLimit(300, java.time.Duration.ofHours(3)));
    }

    @Test
    void accountOverridesReplaceNamedLimitsOrLiftThem() throws Exception {
        Path file = dir.resolve("overrides.yaml");
        Files.writeString(file, """
                rate-limits:
                  new-orders-per-account: 300/3h
                  overrides:
                    - account: https://acme.example.com/acme/acct/big
                      new-orders-per-account: 5000/3h
                      certificates-per-domain: Unlimited
                    - account: https://acme.example.com/acme/acct/other
                      failed-validations-per-account-and-name: 50/1h
                """);

        ServerConfig.RateLimits limits = ConfigLoader.load(Optional.of(file), Map.of()).rateLimits();

        assertThat(limits.limit("new-orders-per-account")).contains(dev.vacme.server.ra.RateLimit.parse("300/3h"));
        assertThat(limits.overrides()).containsExactly(
                new dev.vacme.server.ra.RateLimitOverride("https://acme.example.com/acme/acct/big",
                        Map.of("new-orders-per-account", dev.vacme.server.ra.RateLimit.parse("5000/3h")),
                        java.util.Set.of("certificates-per-domain")),
                new dev.vacme.server.ra.RateLimitOverride("https://acme.example.com/acme/acct/other",
                        Map.of("failed-validations-per-account-and-name", dev.vacme.server.ra.RateLimit.parse("50/1h")),
                        java.util.Set.of()));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"overrides: {account: x}\" | rate-limits: overrides must be a list of mappings, each with an account URL and "
                + "the limits it changes",
        "\"overrides: [5]\" | rate-limits: overrides entry 1 must be a mapping with 'account' and the limits it changes",
        "\"overrides: [{new-orders-per-account: 1/1h}]\" | rate-limits: overrides entry 1 has no 'account' (the "
                + "account's URL, e.g. https://acme.example.com/acme/acct/ID)",
        "\"overrides: [{account: 'acct/1', new-orders-per-account: 1/1h}]\" | rate-limits: overrides entry 1: 'acct/1' "
                + "is not an account URL such as https://acme.example.com/acme/acct/ID (the Location the server "
                + "returned for the account)",
        "\"overrides: [{account: 'https://a.example/acme/acct/1'}]\" | rate-limits: overrides entry 1 "
                + "(https://a.example/acme/acct/1) changes no limit; name at least one of new-orders-per-account, "
                + "certificates-per-domain, duplicate-certificates, failed-validations-per-account-and-name",
        "\"overrides: [{account: 'https://a.example/acme/acct/1', new-accounts-per-ip: 1/1h}]\" | rate-limits: "
                + "overrides entry 1: new-accounts-per-ip counts client addresses before any account exists, so it "
                + "cannot be changed per account",
        "\"overrides: [{account: 'https://a.example/acme/acct/1', orders: 1/1h}]\" | rate-limits: overrides entry 1: "
                + "unknown limit 'orders'; an override may change new-orders-per-account, certificates-per-domain, "
                + "duplicate-certificates, failed-validations-per-account-and-name",
        "\"overrides: [{account: 'https://a.example/acme/acct/1', new-orders-per-account: lots}]\" | rate-limits: "
                + "overrides entry 1: new-orders-per-account: 'lots' is not COUNT/DURATION, e.g. 300/3h or unlimited",
        "\"overrides: [{account: 'https://a.example/acme/acct/1', new-orders-per-account: 1/1h}, "
                + "{account: 'https://a.example/acme/acct/1', new-orders-per-account: 2/1h}]\" | rate-limits: "
                + "overrides entry 2 names account https://a.example/acme/acct/1 again; give each account one entry",
    })
    void badOverridesAreOneClearLine(String overrides, String message) throws Exception {
        Path file = dir.resolve("bad-overrides.yaml");
        Files.writeString(file, "rate-limits: {" + overrides + "}\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void reservedDomainsDefaultToTheSpecialUseNamesAndThePublicSuffixListToDebians() throws Exception {
        ServerConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
        assertThat(defaults.specialNames().reserved()).containsExactly("localhost", "invalid", "local", "onion",
                "home.arpa", "alt");
        assertThat(defaults.specialNames().suffixes().isPublicSuffix("co.uk")).isTrue();

        Path list = Files.writeString(dir.resolve("psl.dat"), "// a private list\nexample\ncorp.example\n");
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("reserved-domains", List.of("test, .example"),
                "public-suffix-list", list.toString()));

        assertThat(config.specialNames().reserved()).containsExactly("test", "example");
        assertThat(config.specialNames().suffixes().isPublicSuffix("corp.example")).isTrue();
        assertThat(config.specialNames().suffixes().isPublicSuffix("co.uk")).isFalse();
        Path none = dir.resolve("none.yaml");
        Files.writeString(none, "reserved-domains: []\n");
        assertThat(ConfigLoader.load(Optional.of(none), Map.of()).specialNames().reserved()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("public-suffix-list",
                dir.resolve("gone.dat").toString()))).isInstanceOf(ConfigException.class)
                .hasMessage("public-suffix-list: " + dir.resolve("gone.dat") + " does not exist; install Debian's "
                        + "publicsuffix package or point public-suffix-list at a copy of "
                        + "https://publicsuffix.org/list/public_suffix_list.dat");
    }

    @Test
    void listsAreAcceptedFromTheCommandLine() {
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("resolve", List.of("a.test=127.0.0.1")));

        assertThat(config.validation().hostOverrides()).extracting(HostOverride::toString)
                .containsExactly("a.test=127.0.0.1");
    }

    @Test
    void caKeysArePemFilesByDefault() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).caKey()).isEqualTo(new CaKeySettings.Pem());
    }

    @Test
    void aTokenIsReadFromTheFileWithItsPinFromTheEnvironment() throws Exception {
        Path file = dir.resolve("hsm.yaml");
        Files.writeString(file, """
                ca-key: pkcs11
                pkcs11-config: /etc/vacme/pkcs11.cfg
                pkcs11-intermediate-label: issuing-2026
                """);

        ServerConfig config = ConfigLoader.load(Optional.of(file), Map.of(), Map.of("VACME_PKCS11_PIN", "1234"));

        assertThat(config.caKey()).isEqualTo(new CaKeySettings.Pkcs11(Path.of("/etc/vacme/pkcs11.cfg"),
                Optional.empty(), Optional.of(new CaKeySettings.Secret("1234")), "vacme-root", "issuing-2026"));
        assertThat(config.caKey().toString()).doesNotContain("1234");
    }

    @Test
    void aPinFileOnTheCommandLine() {
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("ca-key", "PKCS11",
                "pkcs11-config", "/etc/vacme/pkcs11.cfg", "pkcs11-pin-file", "/etc/vacme/pin"), Map.of());

        assertThat(config.caKey()).isEqualTo(new CaKeySettings.Pkcs11(Path.of("/etc/vacme/pkcs11.cfg"),
                Optional.of(Path.of("/etc/vacme/pin")), Optional.empty(), "vacme-root", "vacme-intermediate"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ca-key: hsm | ca-key: 'hsm' is not pem or pkcs11",
        "ca-key: pkcs11 | ca-key: pkcs11 needs pkcs11-config, the SunPKCS11 configuration file naming the token's "
                + "library and slot",
        "pkcs11-config: /etc/vacme/pkcs11.cfg | pkcs11-config: only used with ca-key: pkcs11 (the CA's keys are PEM "
                + "files now)",
        "{ca-key: pkcs11, pkcs11-config: a.cfg, pkcs11-root-label: same, pkcs11-intermediate-label: same} | "
                + "pkcs11-root-label and pkcs11-intermediate-label must differ, both are 'same'",
        "{ca-key: pkcs11, pkcs11-config: a.cfg, pkcs11-root-label: ''} | pkcs11-root-label: '' is not a label of "
                + "printable ASCII characters",
    })
    void badTokenSettingsAreOneClearLine(String yaml, String message) throws Exception {
        Path file = dir.resolve("hsm.yaml");
        Files.writeString(file, yaml + "\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void aPinInTheConfigurationFileIsRefused() throws Exception {
        Path file = dir.resolve("hsm.yaml");
        Files.writeString(file, "ca-key: pkcs11\npkcs11-pin: 1234\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pkcs11-pin in " + file + ": the PIN is not read from the configuration file; put it in a "
                        + "file of mode 0600 named by pkcs11-pin-file, or in VACME_PKCS11_PIN");
    }
}
