package dev.vacme.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token's PIN comes from exactly one of a private file and VACME_PKCS11_PIN. */
class Pkcs11PinTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"1234\\n\"      | rw-------",
        "\"1234\\r\\n\"   | r--------",
        "\"1234\"         | rw-r-----",
    })
    void aPinFileLosesOneTrailingLineBreak(String content, String mode) throws Exception {
        Path file = pinFile(content.replace("\\n", "\n").replace("\\r", "\r"), mode);

        assertThat(Pkcs11Pin.read(settings(Optional.of(file), Optional.empty()))).containsExactly('1', '2', '3', '4');
    }

    @Test
    void spacesInsideThePinAreKept() throws Exception {
        Path file = pinFile(" 12 34 \n", "rw-------");

        assertThat(new String(Pkcs11Pin.read(settings(Optional.of(file), Optional.empty())))).isEqualTo(" 12 34 ");
    }

    @Test
    void aPinFileOthersCanReadIsRefused() throws Exception {
        Path file = pinFile("1234\n", "rw-r--r--");

        assertThatThrownBy(() -> Pkcs11Pin.read(settings(Optional.of(file), Optional.empty())))
                .isInstanceOf(CaException.class)
                .hasMessage("the PIN file " + file + " (pkcs11-pin-file) is open to every user; make it private: "
                        + "chmod 600 " + file);
    }

    @Test
    void anEmptyPinFileIsRefused() throws Exception {
        Path file = pinFile("\n", "rw-------");

        assertThatThrownBy(() -> Pkcs11Pin.read(settings(Optional.of(file), Optional.empty())))
                .isInstanceOf(CaException.class)
                .hasMessage("the PIN file " + file + " (pkcs11-pin-file) is empty; it must hold the token's user PIN");
    }

    @Test
    void thePinComesFromTheEnvironment() {
        char[] pin = Pkcs11Pin.read(settings(Optional.empty(), Optional.of(new CaKeySettings.Secret("s3cret"))));

        assertThat(new String(pin)).isEqualTo("s3cret");
    }

    @Test
    void aPinGivenTwiceIsRefused() throws Exception {
        Path file = pinFile("1234\n", "rw-------");

        assertThatThrownBy(() -> Pkcs11Pin.read(settings(Optional.of(file),
                Optional.of(new CaKeySettings.Secret("1234")))))
                .isInstanceOf(CaException.class)
                .hasMessage("the PKCS#11 PIN is given twice, in pkcs11-pin-file and in VACME_PKCS11_PIN; give one");
    }

    @Test
    void anEmptyEnvironmentVariableIsRefused() {
        assertThatThrownBy(() -> Pkcs11Pin.read(settings(Optional.empty(), Optional.of(new CaKeySettings.Secret("")))))
                .isInstanceOf(CaException.class)
                .hasMessage("VACME_PKCS11_PIN is empty; it must hold the token's user PIN");
    }

    private Path pinFile(String content, String mode) throws Exception {
        Path file = dir.resolve("pin");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static CaKeySettings.Pkcs11 settings(Optional<Path> pinFile, Optional<CaKeySettings.Secret> pin) {
        return new CaKeySettings.Pkcs11(Path.of("/etc/vacme/pkcs11.cfg"), pinFile, pin, "vacme-root",
                "vacme-intermediate");
    }
}
