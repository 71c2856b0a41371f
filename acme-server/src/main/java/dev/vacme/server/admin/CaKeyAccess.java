package dev.vacme.server.admin;

import dev.vacme.server.ca.CaException;
import dev.vacme.server.ca.CaKeySettings;
import dev.vacme.server.ca.CaRotation;
import dev.vacme.server.ca.CaStorage;
import dev.vacme.server.ca.Pkcs11SigningKeySource;
import dev.vacme.server.ca.Pkcs11Token;
import dev.vacme.server.ca.TokenCaStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opens the CA's keys for a {@code ca} command where the server keeps them: PEM files, or the
 * PKCS#11 token of {@code ca-key: pkcs11}, logged in with the PIN from its file or
 * VACME_PKCS11_PIN. Anything that stops it from opening is the operator's configuration to fix
 * (exit 2).
 */
final class CaKeyAccess {

    private static final String ROOT_KEY = "root-key.pem";
    private static final String INTERMEDIATE_KEY = "intermediate-key.pem";

    private CaKeyAccess() {
    }

    /** The operations on the hierarchy in {@code storage}'s directory, with its keys opened. */
    static CaRotation rotation(CaKeySettings settings, CaStorage storage, Clock clock) {
        Path caDir = storage.directory();
        if (settings instanceof CaKeySettings.Pkcs11 pkcs11) {
            return CaRotation.onToken(caDir, open(pkcs11, caDir, clock), clock, new SecureRandom());
        }
        boolean noKeyFiles = !Files.exists(caDir.resolve(ROOT_KEY)) && !Files.exists(caDir.resolve(INTERMEDIATE_KEY));
        if (noKeyFiles && Files.exists(caDir.resolve(CaStorage.ROOT_CERT))) {
            throw new AdminException(AdminCommand.EXIT_USAGE, "the CA in " + caDir + " keeps its keys on a PKCS#11 "
                    + "token (there is no " + ROOT_KEY + "): give the server's token settings, --ca-key pkcs11 "
                    + "--pkcs11-config FILE --pkcs11-pin-file FILE (or VACME_PKCS11_PIN), or --config with them");
        }
        return new CaRotation(storage, clock, new SecureRandom());
    }

    private static Pkcs11SigningKeySource open(CaKeySettings.Pkcs11 settings, Path caDir, Clock clock) {
        try {
            Pkcs11Token token = Pkcs11Token.open(settings);
            TokenCaStorage storage = new TokenCaStorage(caDir, token, settings.rootLabel(),
                    settings.intermediateLabel(), clock, new SecureRandom());
            if (storage.isEmpty()) {
                // loadOrCreate would make a CA: only the server's first start may
                throw new CaException("no CA certificates in " + caDir + ": give the server's --data-dir (or --config)");
            }
            return storage.loadOrCreate();
        } catch (CaException e) {
            throw new AdminException(AdminCommand.EXIT_USAGE, e.getMessage());
        }
    }
}
