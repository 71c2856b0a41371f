package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token of one test, in its own token directory with its own {@code softhsm2.conf}
 * (never the system's), initialised with {@code softhsm2-util}; plus the SunPKCS11 configuration
 * and the PIN file the server reads.
 */
final class SoftHsmToken {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String LABEL = "vacme";
    static final String PIN = "4711-pin";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private final Path dir;
    private final long slot;

    private SoftHsmToken(Path dir, long slot) {
        this.dir = dir;
        this.slot = slot;
    }

    /** Creates the token directory under {@code dir} and initialises a token labelled {@value #LABEL}. */
    static SoftHsmToken create(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + dir.resolve("tokens") + "\n"
                + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        Commands.Outcome init = Commands.run(dir, Map.of("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString()),
                List.of("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin",
                        "so-" + PIN));
        assertThat(init.exitCode()).as(init.output()).isZero();
        Matcher slot = SLOT.matcher(init.output());
        assertThat(slot.find()).as(init.output()).isTrue();
        SoftHsmToken token = new SoftHsmToken(dir, Long.parseLong(slot.group(1)));
        token.writeConfig("pkcs11.cfg", "slot = " + token.slot);
        token.writePinFile(PIN);
        return token;
    }

    /** The environment the server (or any other process using the token) needs. */
    Map<String, String> environment() {
        return Map.of("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString());
    }

    /** The SunPKCS11 configuration naming this token's slot. */
    Path config() {
        return dir.resolve("pkcs11.cfg");
    }

    /** The PIN file, mode 0600. */
    Path pinFile() {
        return dir.resolve("pin");
    }

    long slot() {
        return slot;
    }

    /** Writes another SunPKCS11 configuration with the given slot line (and library), e.g. a wrong one. */
    Path writeConfig(String name, String slotLine) {
        return writeConfig(name, LIBRARY, slotLine);
    }

    Path writeConfig(String name, String library, String slotLine) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, "name = " + LABEL + "\nlibrary = " + library + "\n" + slotLine + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Replaces the PIN file's content, keeping it 0600. */
    void writePinFile(String pin) {
        try {
            Files.deleteIfExists(pinFile());
            Files.createFile(pinFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pinFile(), pin + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server options for a CA on this token; {@code overrides} (option, value pairs) replace or add options. */
    String[] serverOptions(String... overrides) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--ca-key", "pkcs11");
        options.put("--pkcs11-config", config().toString());
        options.put("--pkcs11-pin-file", pinFile().toString());
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            options.put(overrides[i], overrides[i + 1]);
        }
        List<String> arguments = new java.util.ArrayList<>();
        options.forEach((option, value) -> arguments.addAll(List.of(option, value)));
        return arguments.toArray(String[]::new);
    }
}
