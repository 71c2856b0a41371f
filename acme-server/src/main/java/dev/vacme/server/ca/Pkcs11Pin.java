package dev.vacme.server.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The token's user PIN, from the file of {@code pkcs11-pin-file} or the environment variable
 * {@value CaKeySettings.Pkcs11#PIN_VARIABLE}; exactly one of the two. Never from the command line,
 * where every local user can read it.
 */
final class Pkcs11Pin {

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Pkcs11Pin() {
    }

    /**
     * Reads the PIN; the caller clears the array after use.
     *
     * @throws CaException when no PIN or two are given, or the file is unreadable, empty or open
     *                     to every user
     */
    static char[] read(CaKeySettings.Pkcs11 settings) {
        String variable = CaKeySettings.Pkcs11.PIN_VARIABLE;
        if (settings.pinFile().isPresent() && settings.environmentPin().isPresent()) {
            throw new CaException("the PKCS#11 PIN is given twice, in pkcs11-pin-file and in " + variable
                    + "; give one");
        }
        if (settings.pinFile().isPresent()) {
            return fromFile(settings.pinFile().get());
        }
        String pin = settings.environmentPin().map(CaKeySettings.Secret::value).orElseThrow(() -> new CaException(
                "ca-key: pkcs11 needs the token's PIN: name a file holding it with pkcs11-pin-file, or set "
                        + variable));
        if (pin.isEmpty()) {
            throw new CaException(variable + " is empty; it must hold the token's user PIN");
        }
        return pin.toCharArray();
    }

    private static char[] fromFile(Path file) {
        String where = "the PIN file " + file + " (pkcs11-pin-file)";
        String pin;
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new CaException(where + " is open to every user; make it private: chmod 600 " + file);
            }
            pin = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CaException(where + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new CaException("cannot read " + where + ": permission denied", e);
        } catch (UnsupportedOperationException e) {
            throw new CaException("cannot check the permissions of " + where + " on this file system", e);
        } catch (IOException e) {
            throw new CaException("cannot read " + where + ": " + e.getMessage(), e);
        }
        // One trailing line break, as echo and editors write it, is not part of the PIN.
        String stripped = pin.endsWith("\r\n") ? pin.substring(0, pin.length() - 2)
                : pin.endsWith("\n") ? pin.substring(0, pin.length() - 1) : pin;
        if (stripped.isEmpty()) {
            throw new CaException(where + " is empty; it must hold the token's user PIN");
        }
        return stripped.toCharArray();
    }
}
