package dev.vacme.server;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Reopens the log files on SIGHUP, as daemons do, so that logrotate can rename them and signal
 * the server instead of copying and truncating them. The same signal makes the server re-read its
 * CA directory, for an intermediate made by {@code vacme-server ca} meanwhile.
 */
final class HangupSignal {

    private HangupSignal() {
    }

    /** Runs {@code reopen} on SIGHUP (on the JVM's signal thread: it only queues work). */
    static void install(Runnable reopen) {
        Signal.handle(new Signal("HUP"), signal -> {
            reopen.run();
            LoggerFactory.getLogger(HangupSignal.class).info("reopened the log files (SIGHUP)");
        });
    }
}
