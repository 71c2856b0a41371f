package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.acme.TransportFactory;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.Lineages;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line run in-process, for everything that needs no ACME server. */
class CliTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final TransportFactory NO_NETWORK = settings -> request -> {
        throw new AssertionError("unexpected network access: " + request.method() + " " + request.uri());
    };

    @TempDir
    Path home;

    private Path config;
    private SettableClock clock;
    private RecordingSleeper sleeper;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        config = home.resolve(".config/vacme");
        clock = new SettableClock(NOW);
        sleeper = RecordingSleeper.advancing(clock);
        cli = new CliRunner(home).clock(clock).sleeper(sleeper).transports(NO_NETWORK);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "certonly --bogus                                          | Unknown option: '--bogus'",
        "certonly --standalone                                     | give at least one name with -d NAME",
        "certonly -d a.test                                        | choose how to prove control of the names: --standalone, --webroot -w DIR, or --manual --manual-auth-hook CMD",
        "certonly -d a.test --standalone --webroot -w /tmp          | choose one of --standalone, --webroot, --manual, --nginx and --apache",
        "certonly -d a.test --standalone                           | which ACME server? Give --server URL (its directory URL)",
        "certonly -d a.test --standalone --server ftp://ca.test/d  | --server must be an https:// URL of an ACME directory, not ftp://ca.test/d",
        "certonly -d a.test --standalone --server http://ca.test/d | --server must be an https:// URL: ACME runs over HTTPS only (RFC 8555 §6.1), not http://ca.test/d",
        "certonly -d a.test --webroot --server https://ca.test/d   | --webroot needs -w DIR, the document root that serves the names",
        "certonly -d a.test --manual --server https://ca.test/d    | --manual needs --manual-auth-hook so that it can run unattended",
        "certonly -d a.test --standalone --preferred-challenges dns --server https://ca.test/d | --standalone answers http-01 and tls-alpn-01; dns-01 needs --manual with --manual-auth-hook",
        "certonly -d a.test --standalone --key-type dsa --server https://ca.test/d | unsupported --key-type dsa; use ecdsa or rsa",
        "certonly -d a.test --standalone --rsa-key-size 1024 --server https://ca.test/d | unsupported --rsa-key-size 1024; use 2048, 3072 or 4096",
        "certonly -d ../etc --standalone --server https://ca.test/d | -d '../etc' is not a valid domain name: it has an empty label (two dots in a row, or a dot at the start)",
        "certonly -d a.test --standalone --cert-name ../etc --server https://ca.test/d | invalid certificate name '../etc': use letters, digits, '.', '-', '_' and ':' only, starting with a letter or digit",
        "revoke                                                    | give exactly one of --cert-name NAME and --cert-path FILE",
        "revoke --cert-name a --cert-path b                        | give exactly one of --cert-name NAME and --cert-path FILE",
        "revoke --cert-name a --reason because                     | unknown --reason 'because'; use unspecified, keycompromise, affiliationchanged, superseded or cessationofoperation",
        "revoke --cert-name a                                      | no certificate named 'a' in CONFIG; use --cert-path FILE for other certificates",
        "delete --cert-name nothing.test                           | no certificate named 'nothing.test' in CONFIG",
        "delete                                                    | Missing required option: '--cert-name=NAME'",
        "update-account                                            | Missing required option: '--email=EMAIL'",
        "show-account                                              | which ACME server? Give --server URL (its directory URL)",
        "register --server https://ca.test/d -n                    | an account needs a contact address: give -m EMAIL, or --register-unsafely-without-email",
        "renew --hook-timeout 0                                    | --hook-timeout must be at least 1 second",
        "certonly -d a.test --standalone --staging                 | vacme has no built-in staging server for --staging/--test-cert: give your CA's test directory with --server URL (Let's Encrypt's is https://acme-staging-v02.api.letsencrypt.org/directory)",
        "--test-cert renew                                         | vacme has no built-in staging server for --staging/--test-cert",
        "renew -d a.test                                           | renew renews whole lineages and takes no -d; to change a certificate's names, use certonly --cert-name NAME -d NAME ... --expand",
        "renew -a iis                                              | unknown authenticator 'iis'; use standalone, webroot, manual, nginx or apache",
        "renew --standalone --webroot                              | choose one of --standalone, --webroot, --manual, --nginx and --apache",
        "certonly -d a.test --nginx --apache --server https://ca.test/d | choose one of --standalone, --webroot, --manual, --nginx and --apache",
        "certonly -d a.test --apache --apache-server-root /nonexistent --server https://ca.test/d | no apache2.conf or httpd.conf in /nonexistent; give Apache's configuration directory with --apache-server-root",
        "certonly -d a.test --nginx --https-port 8443 --server https://ca.test/d | Unknown options: '--https-port', '8443'",
        "renew --nginx --apache                                    | choose one of --standalone, --webroot, --manual, --nginx and --apache",
        "renew --nginx --nginx-server-root /srv/nginx --nginx-ctl nginx --standalone | choose one of --standalone, --webroot, --manual, --nginx and --apache",
        "run -d a.test --apache --apache-server-root /nonexistent --server https://ca.test/d | no apache2.conf or httpd.conf in /nonexistent; give Apache's configuration directory with --apache-server-root",
        "certonly -d a.test --standalone --allow-subset-of-names   | error: vacme does not support --allow-subset-of-names: an order succeeds or fails for all its names; leave out the names that cannot be validated (-d)",
        "certonly -d a.test --standalone --duplicate               | error: vacme does not support --duplicate: give the second certificate for these names a name of its own with --cert-name NAME",
        "certonly -d a.test --standalone --must-staple             | error: vacme does not support --must-staple: the extension is only useful with a CA that runs OCSP, and Vacme's CA does not",
        "renew --must-staple                                       | error: vacme does not support --must-staple",
        "certonly -d a.test --standalone --preferred-chain=        | error: --preferred-chain needs the common name of an issuer, such as \"ISRG Root X1\"",
        "certonly -d a.test --standalone --key-path k.pem          | error: --key-path goes with --csr (the CSR's key, which vacme leaves where it is); without --csr, vacme makes the key and writes it to live/NAME/privkey.pem",
        "certonly -d a.test --standalone --issuance-timeout 0      | error: --issuance-timeout must be at least 1 second",
        "renew --lock-timeout 0                                    | error: --lock-timeout must be at least 1 second",
        "renew --stuck-lock-after 0                                | error: --stuck-lock-after must be at least 1 second",
    })
    void badUsageExitsTwoWithAMessageThatSaysWhatToChange(String args, String message) {
        Result result = cli.run(args.split(" +"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).as(result.toString()).contains(message.replace("CONFIG", config.toString()));
        assertThat(result.out()).isEmpty();
    }

    @Test
    void cliIniInTheConfigDirectoryGivesOptionsThatTheCommandLineOverrides() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("cli.ini"), "# certbot style\nserver = https://ca.test/d\nstandalone\n"
                + "key-type = dsa\nagree-tos = true\nno-such-option = 1\nnginx-ctl = nginx\n");

        Result fromFile = cli.run("certonly", "-d", "a.test");
        Result overridden = cli.run("certonly", "-d", "a.test", "--key-type", "rsa", "--rsa-key-size", "1024");

        assertThat(fromFile.exitCode()).isEqualTo(2);
        assertThat(fromFile.err()).isEqualTo("warning: " + config.resolve("cli.ini") + " line 6: vacme has no option"
                + " --no-such-option; ignoring it\nerror: unsupported --key-type dsa; use ecdsa or rsa\n");
        assertThat(overridden.err()).endsWith("error: unsupported --rsa-key-size 1024; use 2048, 3072 or 4096\n");
    }

    @Test
    void dashCNamesTheConfigurationFileAndAMissingOneIsBadUsage() throws Exception {
        Files.writeString(home.resolve("my.ini"), "standalone\nserver = ftp://ca.test/d\n");

        Result given = cli.run("-c", "my.ini", "certonly", "-d", "a.test");
        Result missing = cli.run("certonly", "--config", "none.ini", "-d", "a.test");
        Result malformed = cli.run("certonly", "--config=" + Files.writeString(home.resolve("bad.ini"), "= x\n"));

        assertThat(given.exitCode()).isEqualTo(2);
        assertThat(given.err()).startsWith("error: --server must be an https:// URL of an ACME directory, not"
                + " ftp://ca.test/d");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: cannot read the configuration file " + home.resolve("none.ini")
                + ": no such file\n");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("error: " + home.resolve("bad.ini") + " line 1: expected"
                + " 'option = value' or 'option', found '= x'\n");
    }

    @Test
    void certificatesTakesCertbotsPathOptionsAndSaysTheySelectNothing() {
        Result result = cli.run("certificates", "--cert-path", "/etc/x/cert.pem");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEqualTo("warning: --cert-path and --key-path do not select certificates to list;"
                + " use --cert-name NAME\n");
    }

    @Test
    void certonlyTakesNoDirectoryHooksAsCertbotDoes() {
        Result result = cli.run("certonly", "--no-directory-hooks", "--standalone", "--issuance-timeout", "30");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: give at least one name with -d NAME\n");
    }

    @Test
    void renewWithNothingDueNeitherWaitsNorTouchesTheNetwork() {
        Lineages lineages = new Lineages(config);
        lineages.install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));
        lineages.install("b.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));

        Result result = cli.run("renew");
        Result quiet = cli.run("renew", "-q");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No renewals were attempted: 2 certificate(s), none due.\n");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void renewWithoutLineagesSaysSoAndExitsZero() {
        Result result = cli.run("renew");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No certificates found.\n");
    }

    @Test
    void renewExitsOneWhenALineageIsBroken() throws Exception {
        Lineages lineages = new Lineages(config);
        lineages.install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));
        Files.writeString(config.resolve("renewal/b.test.conf"), "garbage\n");

        Result result = cli.run("renew", "-q");
        Result verbose = cli.run("renew");

        String error = "error: renewal of b.test failed: " + config.resolve("renewal/b.test.conf")
                + " line 1: expected 'key = value', found: garbage\n";
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(error);
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).isEqualTo(error);
        assertThat(verbose.out()).isEqualTo("These renewals failed (see the errors above):\n  b.test\n");
    }

    @Test
    void certificatesListsEveryLineageAsJson() {
        Lineages lineages = new Lineages(config);
        lineages.install("a.test", List.of("a.test", "www.a.test"), NOW.minus(Duration.ofDays(60)),
                NOW.plus(Duration.ofDays(30)), HookSpec.NONE);
        lineages.install("b.test", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));

        Result result = cli.run("certificates", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = AcmeJson.readTree(result.out().getBytes(StandardCharsets.UTF_8));
        JsonNode a = json.get("certificates").get(0);
        assertThat(a.get("name").asText()).isEqualTo("a.test");
        assertThat(a.get("domains").toString()).isEqualTo("[\"a.test\",\"www.a.test\"]");
        assertThat(a.get("keyType").asText()).isEqualTo("ecdsa-p256");
        assertThat(a.get("notAfter").asText()).isEqualTo("2025-07-01T00:00:00Z");
        assertThat(a.get("daysLeft").asLong()).isEqualTo(30);
        assertThat(a.get("renewAt").asText()).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(a.get("renewalBasis").asText()).isEqualTo("lifetime");
        assertThat(a.get("due").asBoolean()).isTrue();
        assertThat(a.get("fullchainPath").asText()).isEqualTo(config.resolve("live/a.test/fullchain.pem").toString());
        assertThat(a.get("privkeyPath").asText()).isEqualTo(config.resolve("live/a.test/privkey.pem").toString());
        assertThat(a.get("serial").asText()).matches("[0-9a-f]+");
        JsonNode b = json.get("certificates").get(1);
        assertThat(b.get("renewAt").asText()).isEqualTo("2025-07-21T00:00:00Z");
        assertThat(b.get("renewalReason").asText()).isEqualTo("when a third of its lifetime is left");
        assertThat(b.get("due").asBoolean()).isFalse();
    }

    @Test
    void certificatesPrintsCertbotsLayout() {
        new Lineages(config).install("b.test", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));

        Result result = cli.run("certificates");

        assertThat(result.out()).startsWith("Found the following certificates:\n  Certificate Name: b.test\n")
                .contains("    Key Type: ecdsa-p256\n    Identifiers: b.test\n    Profile: server default\n"
                        + "    Expiry Date: 2025-08-20T00:00:00Z (VALID: 80 days)\n"
                        + "    Renewal: 2025-07-21T00:00:00Z (when a third of its lifetime is left)\n"
                        + "    Certificate Path: " + config.resolve("live/b.test/fullchain.pem") + "\n"
                        + "    Private Key Path: " + config.resolve("live/b.test/privkey.pem") + "\n");
    }

    @Test
    void deleteRemovesTheLineageAfterConfirmation() {
        new Lineages(config).install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));

        Result declined = cli.terminal(true).stdin("n\n").run("delete", "--cert-name", "a.test");
        Result accepted = cli.terminal(true).stdin("y\n").run("delete", "--cert-name", "a.test");

        assertThat(declined.out()).endsWith("Nothing deleted.\n");
        assertThat(accepted.exitCode()).isZero();
        assertThat(accepted.out()).endsWith("Deleted all files of certificate a.test.\n");
        assertThat(config.resolve("live/a.test")).doesNotExist();
        assertThat(config.resolve("archive/a.test")).doesNotExist();
        assertThat(config.resolve("renewal/a.test.conf")).doesNotExist();
    }

    @Test
    void versionAndHelpWork() {
        assertThat(cli.run("--version").out()).startsWith("vacme ");
        Result help = cli.run("renew", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--no-random-sleep-on-renew", "--deploy-hook", "--config-dir");
    }

    @Test
    void certbotFlagsThatChangeNothingAreAccepted() {
        new Lineages(config).install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));

        Result certonly = cli.run("certonly", "-n", "-d", "a.test", "-a", "standalone", "--keep-until-expiring",
                "--no-eff-email", "--manual-public-ip-logging-ok", "--work-dir", "/var/lib/letsencrypt",
                "--logs-dir", "/var/log/letsencrypt", "--agree-tos", "-m", "admin@a.test");
        Result keep = cli.run("certonly", "-n", "-d", "a.test", "--keep");
        Result renew = cli.run("renew", "--work-dir", "/var/lib/letsencrypt", "--logs-dir", "/var/log/letsencrypt",
                "--standalone", "--http-01-port", "8080");

        assertThat(certonly.exitCode()).as(certonly.toString()).isZero();
        assertThat(certonly.out()).startsWith("Certificate a.test is not yet due for renewal");
        assertThat(keep.exitCode()).as(keep.toString()).isZero();
        assertThat(renew.exitCode()).as(renew.toString()).isZero();
        assertThat(renew.out()).isEqualTo("No renewals were attempted: 1 certificate(s), none due.\n"
                + "Nothing renewed, so the hook and authenticator options given were not remembered (by a.test)."
                + " To change them without renewing, use 'vacme reconfigure --cert-name NAME' with the same options.\n");
    }

    @Test
    void otherNamesForAnExistingLineageNeedExpandWhenNobodyCanBeAsked() {
        new Lineages(config).install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));

        Result added = cli.run("certonly", "-n", "--cert-name", "a.test", "-d", "a.test,www.a.test");
        Result replaced = cli.run("certonly", "--cert-name", "a.test", "-d", "b.test");
        Result declined = cli.terminal(true).stdin("n\n").run("certonly", "-d", "a.test", "-d", "www.a.test");

        assertThat(added.exitCode()).isEqualTo(2);
        assertThat(added.err()).isEqualTo("error: certificate a.test is for a.test; you asked for a.test, www.a.test"
                + " (adding www.a.test). To replace it with a certificate for these names, add --expand; to keep it"
                + " and obtain a separate certificate, give another --cert-name\n");
        assertThat(replaced.exitCode()).isEqualTo(2);
        assertThat(replaced.err()).startsWith("error: certificate a.test is for a.test; you asked for b.test"
                + " (adding b.test, removing a.test).");
        assertThat(declined.exitCode()).isEqualTo(2);
        assertThat(declined.out()).startsWith("certificate a.test is for a.test; you asked for a.test, www.a.test"
                + " (adding www.a.test). Replace it with a certificate for these names? [y/N] ");
        assertThat(new Lineages(config).store().liveVersion("a.test")).hasValue(1);
    }
}
