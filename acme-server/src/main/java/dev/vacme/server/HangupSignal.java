package dev.vacme.server;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Reopens the log files on SIGHUP, as daemons do, so that logrotate can rename them and signal
 * the server instead of copying and truncating them.
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
