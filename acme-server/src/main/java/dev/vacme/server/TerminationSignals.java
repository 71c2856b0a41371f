package dev.vacme.server;

import sun.misc.Signal;

/**
 * Stops the server on SIGTERM and SIGINT (systemd's stop, Ctrl-C) so that the process ends with
 * exit code 0 after a clean stop, instead of the JVM's default 143 or 130.
 */
final class TerminationSignals {

    private TerminationSignals() {
    }

    /** Runs {@code stop} on its own thread when SIGTERM or SIGINT arrives. */
    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                Thread stopping = new Thread(stop, "vacme-stop-on-SIG" + name);
                stopping.start();
            });
        }
    }
}
