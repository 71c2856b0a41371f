package dev.vacme.server;

import dev.vacme.server.ca.CaException;
import dev.vacme.server.config.ServerConfig;
import dev.vacme.server.store.StoreOpenException;
import java.net.BindException;

/** Turns a start-up failure into the one line an operator reads before the server exits with 2. */
final class StartupErrors {

    private StartupErrors() {
    }

    static String describe(Throwable error, ServerConfig config) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("Address already in use")) {
                return "cannot listen on " + config.listenHost() + ":" + config.listenPort()
                        + ": the address is already in use";
            }
            if (cause instanceof StoreOpenException || cause instanceof CaException
                    || cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
            cause = cause.getCause();
        }
        return "start-up failed: " + error;
    }
}
