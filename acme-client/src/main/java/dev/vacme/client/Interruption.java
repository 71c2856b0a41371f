package dev.vacme.client;

import java.util.Optional;
import sun.misc.Signal;

/**
 * What a {@code SIGINT} (Ctrl-C) or {@code SIGTERM} does to a run: instead of the JVM exiting on
 * the spot, the signal is recorded and the main thread interrupted, so that the run stops where
 * it waits ({@link InterruptedRunException}) and cleans up on its way out: cleanup hooks and
 * challenge files, pending authorizations deactivated at the server, post-hooks, the lock. The
 * command then exits with {@code 128 + signal number} (130, 143), as shells report it. A second
 * signal ends the process at once, for a cleanup that hangs.
 */
public final class Interruption {

    /** A signal that interrupted the run. */
    public record Received(String name, int number) {

        /** Returns the exit code of a run it interrupted: 128 plus the signal number. */
        public int exitCode() {
            return 128 + number;
        }
    }

    private volatile Received received;

    /** Returns the signal that interrupted this run, if one did. */
    public Optional<Received> received() {
        return Optional.ofNullable(received);
    }

    /**
     * Handles {@code SIGINT} and {@code SIGTERM} for the rest of the process by interrupting
     * {@code main}. Only {@link ClientMain} calls this: tests run the command line in-process and
     * keep the JVM's own handling.
     */
    public void install(Thread main) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> onSignal(main, signal));
        }
    }

    private void onSignal(Thread main, Signal signal) {
        if (received != null) {
            Runtime.getRuntime().halt(received.exitCode());
        }
        received = new Received("SIG" + signal.getName(), signal.getNumber());
        main.interrupt();
    }
}
