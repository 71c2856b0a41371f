package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CA on a PKCS#11 token that cannot be used stops start-up with one clear line and exit code 2. */
class Pkcs11StartupFailureIT {

    @TempDir
    Path dir;

    private SoftHsmToken token;
    private Path data;

    @BeforeEach
    void createToken() throws Exception {
        token = SoftHsmToken.create(dir.resolve("hsm"));
        data = dir.resolve("data");
    }

    @Test
    void aLibraryThatDoesNotExist() {
        Path config = token.writeConfig("missing-library.cfg", "/usr/lib/no-such-pkcs11.so", "slot = " + token.slot());

        assertFails(start("--pkcs11-config", config.toString()), "the PKCS#11 library /usr/lib/no-such-pkcs11.so "
                + "does not exist (pkcs11-config " + config + "): install it or correct 'library'");
    }

    @Test
    void aSlotWithoutAToken() {
        Path config = token.writeConfig("wrong-slot.cfg", "slot = 4242");

        assertFails(start("--pkcs11-config", config.toString()), "no PKCS#11 token at the slot named (pkcs11-config "
                + config + "): CKR_SLOT_ID_INVALID; list the slots (softhsm2-util --show-slots, pkcs11-tool -L) and "
                + "correct 'slot' or 'slotListIndex'");
    }

    @Test
    void aWrongPin() {
        token.writePinFile("not-the-pin");

        assertFails(start(), "wrong PIN for PKCS#11 token 'vacme' (pkcs11-pin-file or VACME_PKCS11_PIN)");
    }

    @Test
    void aWrongPinFromTheEnvironment() {
        ServerProcess.Result result = ServerProcess.run(environment(Map.of("VACME_PKCS11_PIN", "wrong")),
                "--data-dir", data.toString(), "--listen", "127.0.0.1:0", "--ca-key", "pkcs11",
                "--pkcs11-config", token.config().toString());

        assertFails(result, "wrong PIN for PKCS#11 token 'vacme' (pkcs11-pin-file or VACME_PKCS11_PIN)");
    }

    @Test
    void aPinFileThatDoesNotExist() {
        Path missing = dir.resolve("no-such-pin");

        assertFails(start("--pkcs11-pin-file", missing.toString()),
                "the PIN file " + missing + " (pkcs11-pin-file) does not exist");
    }

    @Test
    void anUnreadablePinFile() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("pin-dir"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        ServerProcess.Result result = start("--pkcs11-pin-file", directory.toString());

        assertFails(result, "cannot read the PIN file " + directory + " (pkcs11-pin-file): Is a directory");
    }

    @Test
    void aPinFileEveryUserCanRead() throws Exception {
        Files.setPosixFilePermissions(token.pinFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertFails(start(), "the PIN file " + token.pinFile() + " (pkcs11-pin-file) is open to every user; make it "
                + "private: chmod 600 " + token.pinFile());
    }

    @Test
    void noPinAtAll() {
        ServerProcess.Result result = ServerProcess.run(environment(Map.of()), "--data-dir", data.toString(),
                "--listen", "127.0.0.1:0", "--ca-key", "pkcs11", "--pkcs11-config", token.config().toString());

        assertFails(result, "ca-key: pkcs11 needs the token's PIN: name a file holding it with pkcs11-pin-file, or "
                + "set VACME_PKCS11_PIN");
    }

    @Test
    void aPinOnTheCommandLineIsRefused() {
        ServerProcess.Result result = ServerProcess.run(environment(Map.of()), "--data-dir", data.toString(),
                "--ca-key", "pkcs11", "--pkcs11-config", token.config().toString(), "--pkcs11-pin", SoftHsmToken.PIN);

        assertFails(result, "--pkcs11-pin is not accepted: every local user can read a command line (ps, /proc); put "
                + "the PIN in a file of mode 0600 given with --pkcs11-pin-file, or in VACME_PKCS11_PIN");
        assertThat(data).as("nothing generated").doesNotExist();
    }

    @Test
    void aKeyLabelMissingWhileTheCertificatesExist() {
        firstStart();

        assertFails(start("--pkcs11-intermediate-label", "other-intermediate"), "PKCS#11 token 'vacme' has no key "
                + "'other-intermediate' although " + data.resolve("ca/intermediate.pem") + " exists: is this the right "
                + "token and label? (pkcs11-config, pkcs11-root-label, pkcs11-intermediate-label)");
    }

    @Test
    void aKeyThatDoesNotBelongToItsCertificate() {
        firstStart();

        assertFails(start("--pkcs11-root-label", "vacme-intermediate", "--pkcs11-intermediate-label", "vacme-root"),
                "the key 'vacme-intermediate' on PKCS#11 token 'vacme' does not belong to " + data.resolve("ca/root.pem"));
    }

    @Test
    void keysUnderTheLabelsButNoCertificatesAreLeftAlone() {
        firstStart();
        Path otherData = dir.resolve("other-data");

        ServerProcess.Result result = ServerProcess.run(token.environment(), Pkcs11IT.concat(token.serverOptions(),
                "--data-dir", otherData.toString(), "--listen", "127.0.0.1:0"));

        assertFails(result, "PKCS#11 token 'vacme' already holds a key 'vacme-root' but " + otherData.resolve("ca")
                + " has no certificates: restore root.pem and intermediate.pem, or choose other labels "
                + "(pkcs11-root-label, pkcs11-intermediate-label)");
        assertThat(Pkcs11IT.inspect(token, "vacme-root")).singleElement().asString().startsWith("vacme-root present=true");
    }

    @Test
    void aPemCaStartedWithCaKeyPkcs11() {
        try (ServerProcess first = ServerProcess.start(data, 80)) {
            assertThat(first.rootPath()).exists();
        }

        assertFails(start(), data.resolve("ca") + " holds a CA whose keys are PEM files (root-key.pem, "
                + "intermediate-key.pem); start it with ca-key: pem, or move the directory away to generate a CA on "
                + "the token");
    }

    @Test
    void aTokenCaStartedWithCaKeyPem() {
        firstStart();

        ServerProcess.Result result = ServerProcess.run(token.environment(), "--data-dir", data.toString(),
                "--listen", "127.0.0.1:0");

        assertFails(result, data.resolve("ca") + " holds the CA's certificates but no key files: are its keys on a "
                + "PKCS#11 token? then start with ca-key: pkcs11");
    }

    private void firstStart() {
        try (ServerProcess first = ServerProcess.start(data, 80, token.environment(), token.serverOptions())) {
            assertThat(first.rootPath()).exists();
        }
    }

    /** Runs the server on the test's token; later options win over the token's defaults. */
    private ServerProcess.Result start(String... options) {
        return ServerProcess.run(token.environment(), Pkcs11IT.concat(token.serverOptions(options),
                "--data-dir", data.toString(), "--listen", "127.0.0.1:0"));
    }

    private Map<String, String> environment(Map<String, String> more) {
        Map<String, String> environment = new java.util.HashMap<>(token.environment());
        environment.putAll(more);
        return environment;
    }

    private static void assertFails(ServerProcess.Result result, String line) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output().lines().filter(output -> output.startsWith("vacme-server:")))
                .as(result.output()).containsExactly("vacme-server: " + line);
    }
}
