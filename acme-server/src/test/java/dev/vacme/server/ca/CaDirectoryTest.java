package dev.vacme.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA directory: an existing CA starts unchanged, rotated intermediates and cross-signatures sit beside it. */
class CaDirectoryTest {

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path data;

    @Test
    void aCaFromBeforeRotationStartsUnchangedWithItsIntermediateActive() throws Exception {
        Path ca = CaSetup.directory(data);
        CaKeys before = new CaStorage(ca, clock, random).loadOrCreate();
        List<String> filesBefore = files(ca);
        byte[] intermediateBefore = Files.readAllBytes(ca.resolve("intermediate.pem"));

        CaSetup.Prepared prepared = new CaSetup(data, clock, random).prepare(Duration.ofDays(90), Duration.ZERO,
                Optional.empty());

        Issuers issuers = prepared.issuers().get();
        assertThat(issuers.active().issuer()).isEqualTo(before.intermediate());
        assertThat(issuers.all()).hasSize(1);
        assertThat(issuers.active().describe()).isEqualTo(ca.resolve("intermediate-key.pem").toString());
        assertThat(files(ca)).as("starting adds no file").isEqualTo(filesBefore);
        assertThat(Files.readAllBytes(ca.resolve("intermediate.pem"))).isEqualTo(intermediateBefore);
    }

    @Test
    void aRotatedIntermediateIsStoredBesideTheFirstWithItsKeyOwnerOnly() throws Exception {
        CaStorage storage = new CaStorage(CaSetup.directory(data), clock, random);
        CaKeys first = storage.loadOrCreate();
        CaRotation rotation = new CaRotation(storage, clock, random);

        Intermediate made = rotation.rotateIntermediate(rotation.ownRoot());

        Path dir = CaSetup.directory(data).resolve("intermediates").resolve(made.id());
        assertThat(made.id()).isEqualTo(IssuerIds.of(made.certificate())).isNotEqualTo(IssuerIds.of(first.intermediate()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cert.pem"))))
                .isEqualTo("rw-r--r--");
        made.certificate().verify(first.root().getPublicKey());
        assertThat(made.certificate().getSubjectX500Principal()).isNotEqualTo(first.intermediate().getSubjectX500Principal());
        assertThat(made.certificate().getBasicConstraints()).isZero();
        assertThat(rotation.hierarchy().intermediates()).extracting(Intermediate::id)
                .containsExactly(IssuerIds.of(first.intermediate()), made.id());
        assertThat(files(CaSetup.directory(data).resolve("intermediates"))).as("no temporary directory is left")
                .allMatch(name -> !name.contains(".new-"));
    }

    @Test
    void aCrossSignedIntermediateGetsAnAlternateChainToTheAlternateRoot() throws Exception {
        CaStorage storage = new CaStorage(CaSetup.directory(data), clock, random);
        CaKeys first = storage.loadOrCreate();
        CaRotation rotation = new CaRotation(storage, clock, random);
        RootSigner alternateRoot = rotation.alternateRoot();
        String id = IssuerIds.of(first.intermediate());

        X509Certificate crossSigned = rotation.crossSign(id, alternateRoot);

        crossSigned.verify(alternateRoot.certificate().getPublicKey());
        assertThat(crossSigned.getSubjectX500Principal()).isEqualTo(first.intermediate().getSubjectX500Principal());
        assertThat(crossSigned.getPublicKey()).isEqualTo(first.intermediate().getPublicKey());
        assertThat(rotation.alternateRoot().certificate()).as("the alternate root is made once")
                .isEqualTo(alternateRoot.certificate());
        Issuers issuers = new IssuerSchedule(Duration.ZERO, Duration.ofDays(90))
                .issuers(rotation.hierarchy(), clock.instant());
        assertThat(issuers.alternateChains(issuers.active())).containsExactly(List.of(crossSigned));
        X509Certificate leaf = Pem.readCertificate(ListenerCertificates.issue(issuers.active(),
                List.of(Identifier.dns("leaf.test")), clock, random).chainPem());
        assertThat(issuers.issuerOf(leaf)).containsSame(issuers.active());
        assertThatThrownBy(() -> rotation.crossSign(id, rotation.ownRoot())).isInstanceOf(CaException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void anIntermediateThatDoesNotFitTheRootIsRefusedWithTheFileNamed() throws Exception {
        CaStorage storage = new CaStorage(CaSetup.directory(data), clock, random);
        CaKeys first = storage.loadOrCreate();
        CaRotation rotation = new CaRotation(storage, clock, random);
        Intermediate made = rotation.rotateIntermediate(rotation.ownRoot());
        Path other = Files.createTempDirectory(data, "other");
        CaKeys foreign = new CaStorage(other, clock, random).loadOrCreate();
        Path cert = CaSetup.directory(data).resolve("intermediates").resolve(made.id()).resolve("cert.pem");
        Files.writeString(cert, Pem.encodeCertificate(foreign.intermediate()));

        assertThatThrownBy(() -> new CaDirectory(CaSetup.directory(data)).load(first, Map.of()))
                .isInstanceOf(CaException.class).hasMessageContaining(cert.toString());
    }

    @Test
    void aPemCaRefusesAnIntermediateWhoseKeyIsOnATokenNamingTheSettingsItNeeds() throws Exception {
        CaStorage storage = new CaStorage(CaSetup.directory(data), clock, random);
        CaKeys first = storage.loadOrCreate();
        CaRotation rotation = new CaRotation(storage, clock, random);
        Path dir = CaSetup.directory(data).resolve("intermediates")
                .resolve(rotation.rotateIntermediate(rotation.ownRoot()).id());
        Files.delete(dir.resolve("key.pem"));
        Files.writeString(dir.resolve("key.label"), "vacme-intermediate-x\n");

        assertThatThrownBy(() -> new CaDirectory(CaSetup.directory(data)).load(first, Map.of()))
                .isInstanceOf(CaException.class)
                .hasMessage("the key of " + dir + " is on a PKCS#11 token (key.label): give the token's settings "
                        + "(ca-key: pkcs11, pkcs11-config, pkcs11-pin-file)");
    }

    @Test
    void theOutliveCheckAppliesToTheActiveIntermediateOnly() throws Exception {
        java.time.Instant now = clock.instant();
        Clock longAgo = Clock.fixed(now.minus(Duration.ofDays(1800)), java.time.ZoneOffset.UTC);
        CaStorage storage = new CaStorage(CaSetup.directory(data), longAgo, random);
        storage.loadOrCreate();
        CaRotation rotation = new CaRotation(storage, clock, random);
        String newId = rotation.rotateIntermediate(rotation.ownRoot()).id();

        assertThatThrownBy(() -> new CaSetup(data, clock, random).prepare(Duration.ofDays(90), Duration.ofHours(24),
                Optional.empty()))
                .as("the first intermediate, which expires in 25 days, still issues during the overlap")
                .isInstanceOf(CaException.class)
                .hasMessageStartingWith("certificates valid for 90 days would outlast the intermediate CA certificate in "
                        + CaSetup.directory(data))
                .hasMessageContaining("'vacme-server ca rotate-intermediate'");

        CaSetup.Prepared prepared = new CaSetup(data, clock, random).prepare(Duration.ofDays(90), Duration.ZERO,
                Optional.empty());

        assertThat(IssuerIds.of(prepared.issuers().get().active().issuer())).isEqualTo(newId);
        assertThat(prepared.issuers().get().all()).as("the old one answers until it expires").hasSize(2);
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }
}
