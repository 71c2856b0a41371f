package dev.vacme.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.testing.Lineages;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageStoreTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path root;

    private LineageStore store;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = new LineageStore(new ConfigLayout(root), warnings::add);
    }

    private static PemBundle bundle(String tag) {
        return new PemBundle("cert " + tag + "\n", "chain " + tag + "\n", "fullchain " + tag + "\n",
                "key " + tag + "\n");
    }

    @Test
    void installsVersionsAndSwitchesTheLiveLink() throws IOException {
        assertThat(store.install("a.test", bundle("one"))).isEqualTo(1);
        assertThat(store.install("a.test", bundle("two"))).isEqualTo(2);

        Path live = root.resolve("live/a.test");
        assertThat(Files.isSymbolicLink(live)).isTrue();
        assertThat(Files.readSymbolicLink(live)).isEqualTo(Path.of("../archive/a.test/2"));
        assertThat(store.liveVersion("a.test")).hasValue(2);
        for (String file : List.of("cert", "chain", "fullchain")) {
            assertThat(Files.readString(live.resolve(file + ".pem"))).isEqualTo(file + " two\n");
            assertThat(Files.readString(root.resolve("archive/a.test/1/" + file + ".pem"))).isEqualTo(file + " one\n");
        }
        assertThat(Files.readString(live.resolve("privkey.pem"))).isEqualTo("key two\n");
        assertThat(Files.list(root.resolve("live")).map(p -> p.getFileName().toString())).containsExactly("a.test");
    }

    @Test
    void writesPrivateKeysOwnerOnlyAndCertificatesReadable() throws IOException {
        store.install("a.test", bundle("one"));

        Path version = root.resolve("archive/a.test/1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(version.resolve("privkey.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(version.resolve("fullchain.pem"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void newKeyKeepsTheGroupAndModeAnAdminGaveThePreviousOne() throws IOException {
        store.install("a.test", bundle("one"));
        Path previous = root.resolve("archive/a.test/1/privkey.pem");
        GroupPrincipal group = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(
                otherGroup());
        PosixFileAttributeView view = Files.getFileAttributeView(previous, PosixFileAttributeView.class);
        view.setGroup(group);
        view.setPermissions(PosixFilePermissions.fromString("rw-r-----"));

        store.install("a.test", bundle("two"));

        Path key = root.resolve("archive/a.test/2/privkey.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-r-----");
        assertThat(Files.readAttributes(key, PosixFileAttributes.class).group().getName())
                .isEqualTo(group.getName());
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFailedSwitchLeavesNothingHalfWrittenAndThePreviousVersionLive() throws IOException {
        store.install("a.test", bundle("one"));
        // Make the final step fail: live/a.test is suddenly a directory that rename(2) cannot replace.
        Path live = root.resolve("live/a.test");
        Files.delete(live);
        Files.createDirectories(live.resolve("blocker"));

        assertThatThrownBy(() -> store.install("a.test", bundle("two")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot install a new version of 'a.test' (the previous version stays live)");

        try (var entries = Files.list(root.resolve("archive/a.test"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("1");
        }
        try (var entries = Files.list(root.resolve("live"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("a.test");
        }
        assertThat(Files.isDirectory(live.resolve("blocker"))).isTrue();
    }

    @Test
    void removesWhatAnInterruptedRunLeftBehind() throws IOException {
        store.install("a.test", bundle("one"));
        Path leftover = root.resolve("archive/a.test/.tmp-0123456789abcdef");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("cert.pem"), "half");

        store.install("a.test", bundle("two"));

        assertThat(leftover).doesNotExist();
        assertThat(store.liveVersion("a.test")).hasValue(2);
        assertThat(warnings).singleElement().asString().startsWith("removing " + leftover);
    }

    @Test
    void removesALiveLinkAnInterruptedSwitchLeftBehind() throws IOException {
        store.install("a.test", bundle("one"));
        Path leftover = root.resolve("live/.a.test.tmp-0123456789abcdef");
        Files.createSymbolicLink(leftover, Path.of("../archive/a.test/2"));
        Path otherLineage = Files.createSymbolicLink(root.resolve("live/.b.test.tmp-0123456789abcdef"),
                Path.of("../archive/b.test/1"));

        store.install("a.test", bundle("two"));

        assertThat(Files.exists(leftover, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(otherLineage, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(store.liveVersion("a.test")).hasValue(2);
        assertThat(warnings).singleElement().asString().startsWith("removing " + leftover);
    }

    @Test
    void removesATemporaryConfigurationACrashLeftBehind() throws IOException {
        RenewalConf conf = new RenewalConf(URI.create("https://ca.test/dir"), List.of("a.test"),
                AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, null, null);
        store.writeConf("a.test", conf, "test");
        Path leftover = Files.writeString(root.resolve("renewal/.a.test.conf.tmp-0123456789abcdef"), "half");
        Path otherLineage = Files.writeString(root.resolve("renewal/.b.test.conf.tmp-0123456789abcdef"), "half");

        store.writeConf("a.test", conf, "test");

        assertThat(leftover).doesNotExist();
        assertThat(otherLineage).exists();
        assertThat(store.names()).containsExactly("a.test");
        assertThat(warnings).containsExactly("removing " + leftover + ", left behind by an interrupted run");
    }

    @Test
    void deletesConfigurationLinkAndArchive() {
        store.install("a.test", bundle("one"));
        store.writeConf("a.test", new RenewalConf(URI.create("https://ca.test/dir"), List.of("a.test"),
                AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, null, null), "test");
        store.install("b.test", bundle("one"));

        store.delete("a.test");

        assertThat(store.names()).isEmpty();
        assertThat(root.resolve("live/a.test")).doesNotExist();
        assertThat(root.resolve("archive/a.test")).doesNotExist();
        assertThat(store.liveVersion("b.test")).hasValue(1);
    }

    @Test
    void listsLineagesByTheirRenewalConfigurations() {
        for (String name : List.of("b.test", "a.test")) {
            store.writeConf(name, new RenewalConf(URI.create("https://ca.test/dir"), List.of(name),
                    AuthenticatorSpec.standalone("", 80), KeySpec.DEFAULT, HookSpec.NONE, null, null), "test");
        }

        assertThat(store.names()).containsExactly("a.test", "b.test");
    }

    @Test
    void aConfigurationDescribingAVersionThatIsNotLiveIsReconciledWithTheLiveCertificate() {
        Lineages lineages = new Lineages(root);
        RenewalConf installed = lineages.install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));
        // A run that wrote the configuration of version 2 but failed (or crashed) before switching live/a.test.
        CertificateFacts unswitched = new CertificateFacts(2, "ff", NOW, NOW.plus(Duration.ofDays(90)), null, null,
                URI.create("https://acme.invalid/acct/1"));
        store.writeConf("a.test", installed.withCertificate(unswitched), "test");

        RenewalConf read = store.readConf("a.test");

        assertThat(read.certificate()).isEqualTo(installed.certificate());
        assertThat(read.ari()).isNull();
        assertThat(warnings).containsExactly(root.resolve("renewal/a.test.conf") + " describes version 2 of a.test,"
                + " but version 1 is live (an interrupted run); using the facts of the live certificate");
    }

    @Test
    void aConfigurationWithACertificateButNothingLiveMakesTheLineageDue() throws IOException {
        new Lineages(root).install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));
        Files.delete(root.resolve("live/a.test"));

        assertThat(store.readConf("a.test").certificate()).isNull();
        assertThat(warnings).containsExactly(root.resolve("renewal/a.test.conf") + " describes version 1 of a.test,"
                + " but nothing is live (an interrupted run); the next renew obtains a certificate");
    }

    @Test
    void aConsistentConfigurationIsReadAsWritten() {
        RenewalConf installed = new Lineages(root).install("a.test", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(89)));

        assertThat(store.readConf("a.test")).isEqualTo(installed);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aRevocationOfTheLiveCertificateIsRecordedKeptAndEndsWithTheNextVersion() throws Exception {
        Lineages lineages = new Lineages(root);
        RenewalConf installed = lineages.install("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(89)));
        X509Certificate live = Pem.readCertificate(store.readLive("a.test", LineageFiles.CERT));
        Revocation local = new Revocation(NOW, 4, Revocation.LOCAL);
        Revocation byCa = new Revocation(NOW.minus(Duration.ofHours(1)), 1, "OCSP http://ocsp.ca.test");

        boolean recorded = store.recordRevocation("a.test", live, local, "test");
        RenewalConf afterLocal = store.readConf("a.test");
        store.recordRevocation("a.test", live, byCa, "test");
        store.recordRevocation("a.test", live, local, "test");

        assertThat(recorded).isTrue();
        assertThat(afterLocal).isEqualTo(installed.withCertificate(installed.certificate().withRevocation(local)));
        assertThat(store.readConf("a.test").certificate().revocation())
                .as("the CA's answer is not replaced by a later local record").isEqualTo(byCa);
        lineages.renew("a.test", store.readConf("a.test"), NOW);
        assertThat(store.readConf("a.test").certificate().revoked()).isFalse();
        assertThat(store.recordRevocation("a.test", live, local, "test")).as("an older version").isFalse();
        assertThat(store.readConf("a.test").certificate().revoked()).isFalse();
    }

    @Test
    void aKeyThatCannotGetThePreviousGroupAndModeIsNotInstalled() throws IOException {
        LineageStore failing = new LineageStore(new ConfigLayout(root), warnings::add, (key, previous) -> {
            throw new IOException("cannot give the new private key the group 'ssl-cert' and mode rw-r----- of the"
                    + " previous one (Operation not permitted)");
        });
        failing.install("a.test", bundle("one"));

        assertThatThrownBy(() -> failing.install("a.test", bundle("two")))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot install a new version of 'a.test' (the previous version stays live): cannot give"
                        + " the new private key the group 'ssl-cert' and mode rw-r----- of the previous one (Operation"
                        + " not permitted)");

        assertThat(store.liveVersion("a.test")).hasValue(1);
        try (var entries = Files.list(root.resolve("archive/a.test"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    void aPreviousKeyWhoseAttributesCannotBeReadIsNotTakenForNoKey() throws IOException {
        store.install("a.test", bundle("one"));
        Path previous = root.resolve("archive/a.test/1/privkey.pem");
        Files.delete(previous);
        Files.createSymbolicLink(previous, previous.getFileName());

        assertThatThrownBy(() -> store.install("a.test", bundle("two")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot install a new version of 'a.test' (the previous version stays live):"
                        + " cannot read the group and mode of the previous private key " + root.resolve(
                                "live/a.test/privkey.pem"));

        assertThat(store.liveVersion("a.test")).hasValue(1);
    }

    @Test
    void aFirstVersionHasNoPreviousKey() {
        assertThat(store.install("a.test", bundle("one"))).isEqualTo(1);
        assertThat(warnings).isEmpty();
    }

    private static String otherGroup() throws IOException {
        // Any group other than the current one; Debian always has "daemon" (gid 1).
        return Files.readAllLines(Path.of("/etc/group")).stream().map(line -> line.split(":")[0])
                .filter(name -> name.equals("daemon")).findFirst().orElseThrow();
    }
}
