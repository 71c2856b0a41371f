package dev.vacme.server.store.pg;

import dev.vacme.server.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a PostgreSQL outage from every other failure: a refused or reset connection, a connection
 * closed under a statement, a connect timeout, or the server's own "connection exception" (SQLSTATE
 * class 08) and "operator intervention" (57P: shutting down, starting up) errors become
 * {@link StoreUnavailableException}; anything else is passed on unchanged.
 */
final class PgFailures {

    private PgFailures() {
    }

    /** Recovers a failed future by classifying its failure. */
    static <T> Future<T> classify(Throwable failure) {
        return Future.failedFuture(isOutage(failure)
                ? new StoreUnavailableException("the PostgreSQL database is unavailable: " + firstLine(failure), failure)
                : failure);
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof ClosedConnectionException
                    || t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof DatabaseException db && db.getSqlState() != null
                    && (db.getSqlState().startsWith("08") || db.getSqlState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? "the connection failed" : failure.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
