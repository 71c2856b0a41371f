package dev.vacme.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a person is at the keyboard, decided as certbot decides it: by whether standard input
 * is a terminal ({@code sys.stdin.isatty()}), whatever standard output is. {@code vacme renew > log}
 * typed at a shell is attended (no random delay), {@code vacme renew} from cron (stdin
 * {@code /dev/null}) or a pipe is not. Java 17 offers no {@code isatty}: {@link System#console()}
 * needs stdin and stdout both to be the terminal, so on Linux the answer comes from where
 * {@code /proc/self/fd/0} points (a terminal device under {@code /dev/pts/} or a {@code /dev/tty*}
 * or {@code /dev/console}); where {@code /proc} is missing, {@code System.console()} is the
 * fallback.
 */
public final class StandardInput {

    private static final Path PROC_STDIN = Path.of("/proc/self/fd/0");

    private StandardInput() {
    }

    /** Returns true when this process's standard input is a terminal. */
    public static boolean isTerminal() {
        return isTerminal(PROC_STDIN).orElseGet(() -> System.console() != null);
    }

    /**
     * Returns whether the file descriptor link points to a terminal device, or empty when the link
     * cannot be read (no {@code /proc}).
     */
    static Optional<Boolean> isTerminal(Path descriptorLink) {
        try {
            String target = Files.readSymbolicLink(descriptorLink).toString();
            return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                    || target.equals("/dev/console"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
