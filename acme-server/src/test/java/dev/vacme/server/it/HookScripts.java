package dev.vacme.server.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Shell scripts that real ACME clients run as hooks (certbot's manual hooks, lego's exec DNS provider). */
final class HookScripts {

    private HookScripts() {
    }

    /** Writes an executable {@code /bin/sh} script (owner only) that stops at the first failing line. */
    static Path write(Path dir, String name, String... lines) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nset -e\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
